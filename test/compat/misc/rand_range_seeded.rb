srand(1)
x = rand(1..6)
srand(1)
y = rand(1..6)
x == y
