principal = 1000
rate = 5
balance = principal * 100
10.times { balance += balance * rate / 100 }
[balance / 100, balance % 100]
