rows = [["id", "name", "note"], [1, "Ann", "says \"hi\""], [2, "Bob, Jr.", "plain"]]
csv = rows.map do |row|
  row.map { |f| s = f.to_s; s.include?(",") || s.include?('"') ? "\"#{s.gsub('"', '""')}\"" : s }.join(",")
end.join("\n")
puts csv
csv.lines.size
