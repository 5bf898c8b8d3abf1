colors = %w[red green blue]
colors.cycle.take(7)
