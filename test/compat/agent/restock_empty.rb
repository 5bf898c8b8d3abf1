restocked = App::Inventory.items.select { |i| i["qty"].zero? }.map do |i|
  App::Inventory.restock(i["sku"], 10)
  i["sku"]
end
puts "restocked #{restocked.join(', ')}"
App::Inventory.find("B-200")["qty"]
