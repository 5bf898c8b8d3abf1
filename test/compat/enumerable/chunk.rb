nums = [1, 3, 5, 2, 4, 7, 9, 6]
nums.chunk(&:odd?).map { |odd, xs| [odd, xs] }
