(1..).lazy.map { |x| x * x }.take_while { |x| x < 50 }.to_a
