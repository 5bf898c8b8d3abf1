[7.divmod(3), -7.divmod(3), 7.divmod(-3), -7 % 3, 7.remainder(-3), -7 / 2, 7.fdiv(2)]
