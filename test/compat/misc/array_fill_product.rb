[Array.new(3) { |i| i * i }, [1, 2].product([:a, :b]), [1, 2, 3].combination(2).to_a, [1, 2, 3].permutation(2).count, [[1, 2], [3]].sum([])]
