h = { "pear" => 3, "apple" => 7, "fig" => 1 }
sorted = h.sort_by { |k, v| v }
[sorted.class, sorted, h.min_by { |_, v| v }, h.max_by { |_, v| v }]
