prices = { "apple" => 120, "pear" => 95 }
[prices.to_h { |name, cents| [name.to_sym, cents / 100.0] }, prices.to_h.equal?(prices), prices.each_entry.to_a]
