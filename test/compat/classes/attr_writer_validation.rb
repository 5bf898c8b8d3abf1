class Temperature
  attr_reader :celsius
  def celsius=(v)
    raise ArgumentError, "below absolute zero" if v < -273.15
    @celsius = v
  end
  def fahrenheit = celsius * 9 / 5 + 32
end
t = Temperature.new
t.celsius = 100
r = [t.fahrenheit]
begin
  t.celsius = -300
rescue ArgumentError => e
  r << e.message
end
r
