puts [1, [2, [3]]]
puts []
puts nil
print "a", "b", 1, "\n"
p 1, "two", :three
p
