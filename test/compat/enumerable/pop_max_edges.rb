a = [5, 1, 4]
[a.dup.pop(0), a.dup.pop(10), a.dup.shift(5), a.max(0), a.min(5), a.max_by(2) { |x| x % 3 }, [].max(2)]
