[Rational(1, 3) + Rational(1, 6), 3r / 4, 0.75.to_r, Rational("2/4"), 1.5.rationalize(Rational(1, 100))]
