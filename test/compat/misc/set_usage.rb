require "set"
s = Set.new([1, 2, 3])
s << 2 << 4
[s.size, s.include?(4), s.subset?(Set[1, 2, 3, 4, 5]), (s & Set[2, 9]).to_a]
