r = Random.new(42)
a = Array.new(3) { r.rand(100) }
r2 = Random.new(42)
b = Array.new(3) { r2.rand(100) }
a == b
