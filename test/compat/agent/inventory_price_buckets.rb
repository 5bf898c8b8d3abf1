buckets = App::Inventory.items.group_by do |i|
  case i["price"]
  when 0...5 then :cheap
  when 5...50 then :mid
  else :premium
  end
end
buckets.transform_values { |is| is.map { |i| i["name"] } }
