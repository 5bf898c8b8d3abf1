Pair = Struct.new(:left, :right)
pr = Pair.new(1, "two")
puts pr.inspect
[pr, pr.to_h, Pair.new(1) == Pair.new(1, nil)]
