(1..50).select { |n| Integer.sqrt(n)**2 == n }
