votes = { "yes" => 42, "no" => 17, "maybe" => 9 }
sum = votes.values.sum
votes.each { |k, v| puts format("%-6s %3d %5.1f%%", k, v, v * 100.0 / sum) }
sum
