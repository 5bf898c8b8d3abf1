a = [1, 2, 3]
b = [10, 20, 30]
[a.zip(b).map(&:sum), a.zip(b).to_h, a.each_with_index.to_h { |x, i| [x, b[i]] }]
