e = 5.times
[e.class, e.size, e.map { |i| i * i }, 3.times.to_a]
