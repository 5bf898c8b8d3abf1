["ff".to_i(16), "1010".to_i(2), "z".to_i(36), 255.to_s(2).count("1"), "12abc".to_i, "abc".to_i, " 42 ".strip.to_i]
