(10..).lazy.with_index.map { |x, i| x * i }.first(4)
