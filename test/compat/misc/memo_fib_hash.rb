memo = {}
fib = ->(n) { n < 2 ? n : memo[n] ||= fib.(n - 1) + fib.(n - 2) }
[fib.(30), memo.size]
