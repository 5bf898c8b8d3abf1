a, b = 0, 1
100.times { a, b = b, a + b }
a
