h = { a: 1, b: 2, c: 3, d: 4, e: 5 }
h.each_slice(2).map(&:to_h)
