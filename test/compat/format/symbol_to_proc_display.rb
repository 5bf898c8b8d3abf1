words = %w[alpha beta gamma]
puts words.map(&:upcase).join(" / ")
puts words.map(&:length).inspect
words.each_with_index.to_a
