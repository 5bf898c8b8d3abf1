class Slow
  attr_reader :calls
  def initialize = @calls = 0
  def value = @value ||= compute
  private def compute = (@calls += 1) * 10
end
s = Slow.new
[s.value, s.value, s.calls]
