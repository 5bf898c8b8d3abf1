class Vec
  attr_reader :x, :y
  def initialize(x, y) = (@x, @y = x, y)
  def +(o) = Vec.new(x + o.x, y + o.y)
  def *(k) = Vec.new(x * k, y * k)
  def -@ = Vec.new(-x, -y)
  def [](i) = [x, y][i]
  def to_a = [x, y]
  def ==(o) = to_a == o.to_a
end
v = Vec.new(1, 2)
[(v + v * 3).to_a, (-v).to_a, v[1], v == Vec.new(1, 2)]
