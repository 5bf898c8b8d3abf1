steps = 0
loop do
  steps += 1
  raise StopIteration if steps == 5
end
steps
