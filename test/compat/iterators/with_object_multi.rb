pairs = %w[a b c].each_with_index.with_object([]) { |(s, i), acc| acc << "#{s}#{i}" }
sums = { x: 1, y: 2 }.each.with_object({}) { |(k, v), acc| acc[v] = k }
[pairs, sums, (1..3).each_slice(2).with_object([]) { |sl, acc| acc << sl.sum }]
