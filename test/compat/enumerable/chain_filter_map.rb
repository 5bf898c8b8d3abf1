orders = [[1, 20.0, :paid], [2, 5.0, :void], [3, 12.5, :paid], [4, 99.0, :paid]]
big_paid = orders.filter_map { |id, amt, st| id if st == :paid && amt > 10 }
big_paid
