items = [["Coffee", 2, 350], ["Bagel", 1, 225], ["Juice", 3, 199]]
total = 0
items.each do |name, qty, cents|
  line = qty * cents
  total += line
  puts format("%-8s x%d %6.2f", name, qty, line / 100.0)
end
puts format("%-11s %6.2f", "TOTAL", total / 100.0)
total
