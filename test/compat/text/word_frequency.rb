text = <<~TXT
  the quick brown fox jumps over the lazy dog
  the dog barks and the fox runs
TXT
counts = Hash.new(0)
text.split.each { |w| counts[w] += 1 }
top = counts.sort_by { |w, c| [-c, w] }.first(3)
top.each { |w, c| puts "#{w}: #{c}" }
top
