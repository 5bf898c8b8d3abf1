[10, 0, 5].map do |d|
  100 / d
rescue ZeroDivisionError => e
  e.message
end
