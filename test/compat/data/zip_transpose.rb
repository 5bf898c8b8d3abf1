names = %w[ann bob cid]
ages = [31, 27, 45]
cities = %w[Oslo Lima Rome]
rows = names.zip(ages, cities)
rows.each { |n, a, c| puts "#{n} (#{a}) #{c}" }
rows.transpose
