words = %w[listen silent enlist google elgoog cat act tac dog]
groups = words.group_by { |w| w.chars.sort.join }
groups.values.select { |g| g.size > 1 }.each { |g| puts g.join(" ") }
groups.keys.size
