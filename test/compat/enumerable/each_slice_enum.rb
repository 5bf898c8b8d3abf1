e = (1..7).each_slice(3)
[e.class, e.size, e.to_a, (1..5).each_cons(2).to_a]
