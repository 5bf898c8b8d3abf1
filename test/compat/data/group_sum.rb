sales = [
  { region: "north", amount: 120 }, { region: "south", amount: 80 },
  { region: "north", amount: 45 }, { region: "east", amount: 200 }, { region: "south", amount: 20 }
]
totals = sales.group_by { |s| s[:region] }.transform_values { |rows| rows.sum { |r| r[:amount] } }
totals.sort_by { |_, v| -v }.each { |r, v| puts "#{r}: #{v}" }
totals
