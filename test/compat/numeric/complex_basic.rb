c = Complex(3, 4)
[c.abs, c + Complex(1, -1), c * 2, c.conjugate, c.real, c.imaginary]
