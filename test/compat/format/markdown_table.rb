headers = %w[lang year typed]
rows = [["Ruby", 1995, "dynamic"], ["Rust", 2010, "static"], ["Go", 2009, "static"]]
widths = headers.each_index.map { |i| [headers[i].size, *rows.map { |r| r[i].to_s.size }].max }
line = ->(cells) { "| " + cells.each_with_index.map { |c, i| c.to_s.ljust(widths[i]) }.join(" | ") + " |" }
puts line.(headers)
puts "|" + widths.map { |w| "-" * (w + 2) }.join("|") + "|"
rows.each { |r| puts line.(r) }
widths
