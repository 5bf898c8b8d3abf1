a = %w[x y z]
a.zip(1..3).map { |s, i| s * i } + a.each_with_index.map { |s, i| "#{i}#{s}" }
