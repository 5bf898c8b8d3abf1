(1..).lazy.filter_map { |x| x * 2 if x.odd? }.take(5).to_a
