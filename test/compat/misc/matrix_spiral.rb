m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
out = []
until m.empty?
  out.concat(m.shift)
  m = m.transpose.reverse
end
out
