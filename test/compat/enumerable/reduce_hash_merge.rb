parts = [{ a: 1 }, { b: 2 }, { a: 3, c: 4 }]
parts.reduce({}) { |acc, h| acc.merge(h) { |_, x, y| x + y } }
