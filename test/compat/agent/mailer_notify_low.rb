low = App::Inventory.items.select { |i| i["qty"] < 5 }
ids = low.map do |i|
  App::Mailer.deliver(to: "ops@example.com", subject: "Low stock: #{i['name']}", body: "qty=#{i['qty']}")
end
puts "sent #{ids.size} messages"
[ids, App::Mailer.outbox.map { |m| m[:subject] }]
