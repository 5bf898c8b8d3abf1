def delimit(n)
  n.to_s.reverse.scan(/\d{1,3}/).join(",").reverse
end
[1234567, 1000, 999, 10_000_000].map { |n| delimit(n) }
