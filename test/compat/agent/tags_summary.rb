tags = App::Inventory.items.flat_map { |i| i["tags"] }.tally
tags.sort_by { |t, n| [-n, t] }.map { |t, n| "#{t}(#{n})" }.join(" ")
