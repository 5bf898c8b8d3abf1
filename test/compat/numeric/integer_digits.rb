[1234.digits, 1234.digits.sum, 255.digits(16), 10.pow(3), 3.pow(4, 5), 0.digits]
