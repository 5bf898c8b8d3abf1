odds = Enumerator.new { |y| n = 1; loop { y << n; n += 2 } }
evens = Enumerator.new { |y| n = 0; loop { y << n; n += 2 } }
odds.take(4).zip(evens.take(4))
