a = [1, 3, 5, 7, 9]
b = [2, 3, 5, 8]
[a | b, a & b, a - b, (a + b).uniq.sort, a.union(b).size, a.intersect?(b)]
