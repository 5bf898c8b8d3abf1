lz = (1..4).lazy.with_index.map { |x, i| x * 10 + i }
dup = [1, 1, 2, 3, 3].lazy.uniq
[lz.to_a, lz.to_a, dup.to_a, dup.to_a, (1..3).lazy.with_index(1).to_a, (1..).lazy.map { |x| x * 2 }.with_index.first(2)]
