h = { x: 3, y: 1, z: 2 }
[h.to_a, h.min_by { |_, v| v }, h.sort_by { |_, v| -v }.first, h.sum { |_, v| v }, h.find { |_, v| v == 2 }]
