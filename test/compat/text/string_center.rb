labels = %w[one three five]
labels.each { |l| puts "|" + l.center(9, "*") + "|" }
labels.map { |l| l.ljust(6, ".") + l.rjust(6, ".") }
