found = [3, 8, 12, 5].each { |x| break x * 100 if x > 10 }
skipped = [1, 2, 3, 4].map { |x| next 0 if x.even?; x }
[found, skipped]
