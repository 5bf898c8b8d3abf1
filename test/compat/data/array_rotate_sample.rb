a = (1..8).to_a
[a.rotate(3), a.rotate(-2), a.each_slice(2).map(&:reverse).flatten, a.values_at(0, 2, -1)]
