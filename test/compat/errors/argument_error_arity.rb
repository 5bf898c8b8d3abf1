def two(a, b) = a + b
begin
  two(1)
rescue ArgumentError => e
  puts "arity problem"
  e.class
end
