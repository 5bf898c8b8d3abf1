begin
  App::Inventory.restock("Z-999", 1)
rescue => e
  puts "failed: #{e.message}"
  e.class.name
end
