sum = 0.1 + 0.2
[sum == 0.3, sum == 0.30000000000000004, (sum - 0.3).abs < Float::EPSILON, 0.3 * 3 == 0.9]
