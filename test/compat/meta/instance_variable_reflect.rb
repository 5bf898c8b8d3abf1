class Pt
  def initialize
    @x = 1
    @y = 2
    @label = "p"
    @color = :red
    @visible = true
    @weight = 0.5
  end
end
pt = Pt.new
pt.instance_variable_set(:@z, 3)
[pt.instance_variables, pt.instance_variable_get(:@y), pt.instance_variable_defined?(:@w)]
