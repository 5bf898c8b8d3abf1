letters = %w[a b c d e f]
letters.each_with_index.select { |_, i| i.even? }.map(&:first)
