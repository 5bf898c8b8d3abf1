nums = [1, 22, 333, 4444]
width = nums.max.to_s.size
nums.each { |n| puts n.to_s.rjust(width, "0") }
nums.map { |n| n.to_s.center(width + 2, "_") }
