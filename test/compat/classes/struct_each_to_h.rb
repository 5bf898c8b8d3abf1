Row = Struct.new(:id, :name, :score)
r = Row.new(7, "ann", 91)
[r.each.to_a, r.each.size, r.to_h { |k, v| [k.to_s, v] }, r.each_pair.to_a.first, r.to_a.sum { |x| x.is_a?(Integer) ? x : 0 }]
