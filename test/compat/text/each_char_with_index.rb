s = "banana"
positions = Hash.new { |h, k| h[k] = [] }
s.each_char.with_index { |c, i| positions[c] << i }
positions
