products = [
  { name: "pen", price: 1.5, stock: 100 }, { name: "book", price: 12.0, stock: 0 },
  { name: "lamp", price: 25.0, stock: 4 }, { name: "mug", price: 6.0, stock: 17 }
]
available = products.reject { |p| p[:stock].zero? }.select { |p| p[:price] < 20 }
available.map { |p| p[:name] }.sort
