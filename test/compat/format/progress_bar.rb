[0, 25, 50, 80, 100].each do |pct|
  filled = pct / 10
  puts "[" + "#" * filled + " " * (10 - filled) + "] #{pct.to_s.rjust(3)}%"
end
nil
