[:a.equal?(:a), 1.frozen?, nil.frozen?, "a".equal?("a"), :upcase.to_proc.call("str"), 1.0.integer?]
