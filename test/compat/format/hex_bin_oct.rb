n = 2026
[n.to_s(2), n.to_s(8), n.to_s(16), format("%x|%o|%b|%08b", 255, 8, 5, 5), "ff".hex, "777".oct]
