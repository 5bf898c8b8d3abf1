out = (1..15).map do |i|
  if (i % 15).zero? then "FizzBuzz"
  elsif (i % 3).zero? then "Fizz"
  elsif (i % 5).zero? then "Buzz"
  else i.to_s
  end
end
puts out.join(" ")
out.count("Fizz")
