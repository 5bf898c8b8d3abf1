temps = [20, 21, 25, 24, 23, 30, 31]
temps.slice_when { |a, b| b < a }.to_a
