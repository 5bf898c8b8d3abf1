digest = {
  users: App::Users.list.count { |u| u[:active] },
  skus: App::Inventory.items.size,
  pending: App::Orders.count_by_status.fetch("pending", 0),
  cities: App::Weather.cities.size
}
digest.each { |k, v| puts "#{k}=#{v}" }
digest
