a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
product = a.map { |row| b.transpose.map { |col| row.zip(col).sum { |x, y| x * y } } }
product.each { |r| puts r.join(" ") }
[product, a.flatten.sum, a.transpose]
