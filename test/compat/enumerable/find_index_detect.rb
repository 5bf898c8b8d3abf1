xs = [4, 8, 15, 16, 23, 42]
[xs.find { |x| x > 10 }, xs.find_index(16), xs.index { |x| x.odd? }, xs.detect(&:zero?), xs.take_while(&:even?), xs.drop_while(&:even?)]
