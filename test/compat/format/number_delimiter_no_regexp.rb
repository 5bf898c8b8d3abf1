def delimit(n)
  s = n.to_s
  groups = []
  until s.empty?
    groups.unshift(s[-3..] || s)
    s = s[0...-3] || ""
  end
  groups.join(",")
end
[1234567, 1000, 999, 10_000_000, 5].map { |n| delimit(n) }
