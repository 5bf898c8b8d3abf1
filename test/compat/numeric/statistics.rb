xs = [2, 4, 4, 4, 5, 5, 7, 9]
mean = xs.sum.fdiv(xs.size)
var = xs.sum { |x| (x - mean)**2 } / xs.size
sorted = xs.sort
median = (sorted[3] + sorted[4]) / 2.0
[mean, var, Math.sqrt(var), median, xs.tally.max_by { |_, c| c }.first]
