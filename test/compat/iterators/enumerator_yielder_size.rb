e = Enumerator.new(3) { |y| 3.times { |i| y.yield i, i * i } }
[e.size, e.to_a]
