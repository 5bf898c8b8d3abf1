records = [{ id: 1, v: "a" }, { id: 2, v: "b" }, { id: 1, v: "c" }, { id: 3, v: "d" }, { id: 2, v: "e" }]
records.uniq { |r| r[:id] }.map { |r| r[:v] }
