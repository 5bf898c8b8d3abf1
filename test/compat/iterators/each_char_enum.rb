e = "hey".each_char
[e.next, e.to_a, "abc".each_char.with_index.map { |c, i| c * (i + 1) }]
