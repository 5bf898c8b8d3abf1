add = ->(a, b) { a + b }
inc = add.curry[1]
dbl = ->(x) { x * 2 }
[inc.(5), (inc >> dbl).(3), (inc << dbl).(3), [1, 2].map(&inc)]
