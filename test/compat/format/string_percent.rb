row = "%s has %d items costing %.2f" % ["cart", 3, 19.5]
puts row
"%-5s|%5s|" % %w[ab cd]
