producer = Fiber.new do
  %w[alpha beta gamma].each { |w| Fiber.yield w }
  nil
end
results = []
while (w = producer.resume)
  results << w.upcase
end
[results, producer.alive?]
