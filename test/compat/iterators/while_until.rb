n = 27
steps = 0
until n == 1
  n = n.even? ? n / 2 : 3 * n + 1
  steps += 1
end
i = 0
i += 1 while i * i < 200
[steps, i]
