prices = [5, 19, 3, 42, 8, 27]
[prices.max(2), prices.min(3), prices.max_by(2) { |p| -p }]
