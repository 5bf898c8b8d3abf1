def titleize(s)
  small = %w[a an the of and or in on]
  s.split(" ").each_with_index.map do |w, i|
    i > 0 && small.include?(w) ? w : w.capitalize
  end.join(" ")
end
titles = ["the lord of the rings", "a tale of two cities", "war and peace"]
titles.map { |t| titleize(t) }
