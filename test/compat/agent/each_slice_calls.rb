skus = App::Inventory.items.map { |i| i["sku"] }
batches = skus.each_slice(2).map { |b| b.map { |s| App::Inventory.find(s)["qty"] }.sum }
batches
