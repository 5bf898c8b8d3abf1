word = "mississippi"
hist = word.chars.tally.sort_by { |c, n| [-n, c] }
hist.each { |c, n| puts "#{c} #{'#' * n}" }
hist.to_h
