counts = App::Orders.count_by_status
counts.sort_by { |s, n| [-n, s] }.each { |s, n| puts "#{s.ljust(10)} #{n}" }
counts.values.sum
