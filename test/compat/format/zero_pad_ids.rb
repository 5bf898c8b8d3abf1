ids = [7, 42, 365, 1024]
ids.map { |i| format("ID-%05d", i) }
