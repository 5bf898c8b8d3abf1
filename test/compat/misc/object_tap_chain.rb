list = []
result = [3, 1, 2].sort.tap { |s| list << s.dup }.map { |x| x * 10 }.tap { |s| list << s.size }
[result, list]
