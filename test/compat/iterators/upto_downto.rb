out = []
1.upto(3) { |i| out << i }
3.downto(1) { |i| out << -i }
[out, 1.upto(4).to_a, 5.downto(2).map { |x| x * 10 }]
