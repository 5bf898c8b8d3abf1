[48.gcd(18), 4.lcm(6), 17.gcd(5), [12, 18, 24].reduce(:gcd), 10.gcdlcm(4)]
