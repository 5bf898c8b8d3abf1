e = (1..Float::INFINITY).lazy.map { |x| x * 2 }
[e.first(3), (1..10).each_slice(3).size, [1, 2, 3].each.size]
