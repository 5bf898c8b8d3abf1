Shape = Class.new do
  attr_reader :sides
  def initialize(s) = @sides = s
end
Tri = Class.new(Shape) { def name = "triangle" }
t = Tri.new(3)
[t.sides, t.name, Tri.superclass.name, Tri.name]
