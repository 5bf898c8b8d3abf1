class Money
  attr_reader :cents
  def initialize(cents) = @cents = cents
  def to_s = format("$%d.%02d", cents / 100, cents % 100)
  def inspect = "#<Money #{self}>"
end
m = Money.new(1999)
puts m
puts "total: #{m}"
[m, [Money.new(5)]]
