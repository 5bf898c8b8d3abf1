rows = [["Name", "Qty"], ["apples", 3], ["kiwis", 12]]
w = rows.map { |r| r[0].to_s.size }.max
rows.each { |name, qty| puts "#{name.to_s.ljust(w)} | #{qty.to_s.rjust(3)}" }
w
