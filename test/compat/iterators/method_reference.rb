def double(x) = x * 2
m = method(:double)
[[1, 2, 3].map(&m), m.arity, m.call(21), [1, 2].map(&method(:double))]
