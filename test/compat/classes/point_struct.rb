Point = Struct.new(:x, :y) do
  def +(other) = Point.new(x + other.x, y + other.y)
  def to_s = "(#{x}, #{y})"
end
a = Point.new(1, 2)
b = Point.new(3, 4)
puts a + b
[a == Point.new(1, 2), (a + b).to_a, a.inspect]
