results = ["ann@example.com", "nobody"].map do |to|
  App::Mailer.deliver(to: to, subject: "hi")
rescue ArgumentError => e
  "error: #{e.message}"
end
results
