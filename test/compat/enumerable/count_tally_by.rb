words = %w[a bb cc ddd e fff]
[words.count { |w| w.size == 2 }, words.map(&:size).tally, words.group_by(&:size).transform_values(&:count)]
