r = (1..10)
[r.sum, r.include?(5), r.cover?(2..3), r.to_a.sample.class, ("a".."e").to_a.join, (1...10).size, r.minmax, (1..).first(2)]
