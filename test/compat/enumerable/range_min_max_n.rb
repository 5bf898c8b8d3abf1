r = (1..10)
[r.max(3), r.min(2), r.max, r.min, (1..).min(2), ("a".."f").max(2), r.min(2) { |a, b| b <=> a }]
