App::Weather.cities.sort.each do |city|
  temps = App::Weather.forecast(city, days: 3)[:temps]
  bar = temps.map { |t| t.negative? ? "-" : "#" * (t / 5) }.join("|")
  puts "#{city.ljust(6)} #{bar}"
end
:ok
