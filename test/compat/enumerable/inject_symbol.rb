nums = (1..10).to_a
[nums.inject(:+), nums.reduce(1, :*), nums.inject { |a, b| a > b ? a : b }, nums.sum, nums.reduce(0) { |s, x| s + x * x }]
