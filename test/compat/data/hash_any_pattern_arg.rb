h = { a: 1, b: 2 }
[h.any?([:a, 1]), h.any?([:a, 2]), h.count, h.find { |_, v| v > 1 }, h.each_with_object({}) { |(k, v), acc| acc[v] = k }]
