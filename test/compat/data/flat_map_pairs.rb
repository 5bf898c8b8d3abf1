teams = { red: %w[ann bob], blue: %w[cid], green: %w[dee eve fay] }
pairs = teams.flat_map { |team, members| members.map { |m| "#{m}@#{team}" } }
[pairs.size, pairs.first(3)]
