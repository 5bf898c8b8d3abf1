items = App::Inventory.items
low = items.select { |i| i["qty"] < 5 }
low.each { |i| puts "LOW #{i['sku']} #{i['name']}: #{i['qty']}" }
{ checked: items.size, low: low.map { |i| i["sku"] } }
