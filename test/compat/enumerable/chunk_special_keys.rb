lines = ["# a", "x", "y", "", "# b", "z"]
lines.chunk { |l| l.empty? ? :_separator : l.start_with?("#") ? :_alone : true }.to_a
