sq = ->(x) { x * x }
add = proc { |a, b| (a || 0) + (b || 0) }
[sq.call(4), sq.(5), sq[6], add.call(1), add.call(1, 2, 3), sq.lambda?, add.arity, sq.arity]
