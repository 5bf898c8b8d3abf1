[(1..).lazy.zip(10..).first(2), (1..3).lazy.zip([:a]).to_a, (1..).lazy.map { _1 * 2 }.zip(1..).select { |a, b| a > b + 2 }.first(2)]
