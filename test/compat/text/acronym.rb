phrases = ["Portable Network Graphics", "as soon as possible", "Complementary metal-oxide semiconductor"]
phrases.map do |ph|
  ph.tr("-", " ").split.map { |w| w[0].upcase }.join
end
