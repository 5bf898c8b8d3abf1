messy = "  too    many   spaces\there  "
clean = messy.strip.squeeze(" ").tr("\t", " ")
puts "[#{clean}]"
clean.split.size
