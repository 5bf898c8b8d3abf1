%w[a b c d].map.with_index { |s, i| i.odd? ? s.upcase : s }
