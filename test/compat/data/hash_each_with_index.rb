h = { a: 1, b: 2, c: 3 }
h.each_with_index { |(k, v), i| puts "#{i}: #{k}=#{v}" }
h.each_with_index.map { |(k, v), i| [k, v * i] }
