doc = "first line\nsecond line is longer\n\nlast"
lines = doc.lines(chomp: true)
lines.each_with_index { |l, i| puts "#{i + 1}: #{l.length}" }
{ lines: lines.size, blank: lines.count(&:empty?), longest: lines.max_by(&:length) }
