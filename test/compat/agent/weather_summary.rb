lines = App::Weather.cities.map do |city|
  f = App::Weather.forecast(city)
  temps = f[:temps]
  "#{city}: #{temps.min}..#{temps.max} #{f[:unit]}"
end
puts lines
lines.size
