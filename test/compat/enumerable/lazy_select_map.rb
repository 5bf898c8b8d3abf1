(1..Float::INFINITY).lazy.select { |x| x % 3 == 0 }.map { |x| x * x }.first(4)
