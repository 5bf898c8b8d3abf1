stack = [1, 2, 3, 4, 5, 6]
top = stack.pop(2)
bottom = stack.shift(2)
[top, bottom, stack]
