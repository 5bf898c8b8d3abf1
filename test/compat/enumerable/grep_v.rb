mixed = [1, "two", :three, 4.0, nil, [5]]
[mixed.grep(Numeric), mixed.grep_v(Numeric), mixed.grep(String, &:upcase)]
