attempts = 0
begin
  attempts += 1
  raise "flaky" if attempts < 3
  puts "succeeded after #{attempts}"
rescue RuntimeError
  retry
end
attempts
