warmest = App::Weather.cities.max_by { |c| App::Weather.forecast(c)[:temps].max }
puts "warmest: #{warmest}"
warmest
