%w[x y].each.with_object([]) { |s, acc| acc << s.upcase }
