def rle(s)
  s.chars.chunk_while { |a, b| a == b }.map { |run| "#{run.size}#{run[0]}" }.join
end
puts rle("aaabccddddde")
rle("wwwwbbbw")
