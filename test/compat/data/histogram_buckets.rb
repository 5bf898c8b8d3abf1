ages = [3, 17, 25, 31, 38, 44, 52, 67, 71, 15, 29]
buckets = ages.group_by { |a| a / 20 * 20 }.sort.map { |lo, xs| ["#{lo}-#{lo + 19}", xs.size] }
buckets.each { |label, n| puts "#{label.rjust(5)} #{'*' * n}" }
buckets.to_h
