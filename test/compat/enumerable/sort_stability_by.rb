rows = [["b", 2], ["a", 2], ["c", 1], ["d", 3]]
rows.sort_by.with_index { |(_, n), i| [n, i] }.map(&:first)
