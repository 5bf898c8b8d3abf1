values = [nil, true, 1, -2, "str", :sym, :"odd sym", [1, "a"], { k: 1, "s" => nil }, 1..5, "tab\tnew\n", 'q"uote']
values.each { |v| p v }
values.map(&:inspect).join(" ")
