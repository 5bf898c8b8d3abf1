evens, odds = (1..10).partition(&:even?)
[evens, odds, (1..10).group_by { |x| x % 3 }, (1..10).each_slice(3).to_a.last]
