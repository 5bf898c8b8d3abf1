csv = "name,age\nann,31\nbob,27\n"
rows = []
csv.each_line(chomp: true) { |line| rows << line.split(",") }
header, *body = rows
body.map { |r| header.zip(r).to_h }
