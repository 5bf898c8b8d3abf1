(1..).lazy.filter(&:even?).first(3)
