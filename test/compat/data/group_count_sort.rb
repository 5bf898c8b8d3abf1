events = %w[login view view click login view purchase click view]
freq = events.tally.sort_by { |e, n| [-n, e] }
freq.each { |e, n| printf("%-9s %d\n", e, n) }
freq.first
