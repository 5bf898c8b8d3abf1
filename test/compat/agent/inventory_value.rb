items = App::Inventory.items
value = items.sum { |i| i["qty"] * i["price"] }
puts "inventory value: #{value.round(2)}"
items.max_by { |i| i["qty"] * i["price"] }["name"]
