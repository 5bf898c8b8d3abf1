class Pt
  def initialize = (@x, @y = 1, 2)
end
pt = Pt.new
pt.instance_variable_set(:@z, 3)
[pt.instance_variables, pt.instance_variable_get(:@y), pt.instance_variable_defined?(:@w)]
