result = catch(:found) do
  [[1, 2], [3, 4], [5, 6]].each do |row|
    row.each { |v| throw :found, v * 10 if v > 3 }
  end
  :none
end
result
