data = [[1, [2, 3]], [4, [5, 6]]]
data.map { |a, (b, c)| a + b + c }
