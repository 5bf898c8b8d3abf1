[[1, 2, 3].each_slice(2).size, (1..10).each_cons(3).size, 4.times.size, [1, 2].map.size, "abc".each_char.size, { a: 1 }.each.size, Enumerator.new { |y| y << 1 }.size, 1.upto(5).size]
