per_user = App::Orders.recent(limit: 8).group_by { |o| o["user_id"] }
table = per_user.sort.map { |uid, os| [App::Users.find(uid)[:name], os.sum { |o| o["qty"] }] }
table.each { |name, qty| puts "#{name.ljust(15)}#{qty.to_s.rjust(3)}" }
table.to_h
