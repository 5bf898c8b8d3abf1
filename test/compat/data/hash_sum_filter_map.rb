stock = { apples: 3, pears: 0, kiwis: 12 }
total = stock.sum { |_, n| n }
in_stock = stock.filter_map { |k, n| k.to_s if n > 0 }
[total, in_stock]
