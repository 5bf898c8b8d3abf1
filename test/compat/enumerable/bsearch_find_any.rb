ranges = [[0, 9], [10, 19], [20, 29]]
target = 14
idx = (0...ranges.size).bsearch { |i| lo, hi = ranges[i]; target < lo ? -1 : target > hi ? 1 : 0 }
[idx, (1..100).bsearch { |x| x * x >= 2000 }, (1...1).bsearch { true }, (0..5).bsearch { |x| x > 10 }]
