s = "1 apple, 2 pears"
out = s.gsub("apple") { |m| m.upcase }
puts out
out.sub("pears", "plums")
