prices = App::Inventory.items.to_h { |i| [i["sku"], i["price"]] }
paid = App::Orders.recent(limit: 8).select { |o| o["status"] == "paid" }
revenue = paid.sum { |o| prices[o["sku"]] * o["qty"] }
puts format("revenue: %.2f from %d orders", revenue, paid.size)
paid.map { |o| o["id"] }
