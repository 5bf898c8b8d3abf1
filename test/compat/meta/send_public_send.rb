ops = { add: [2, 3], mul: [4, 5] }
calc = Class.new do
  def add(a, b) = a + b
  def mul(a, b) = a * b
  private def secret = :hidden
end.new
[ops.map { |op, args| calc.send(op, *args) }, calc.public_send(:add, 1, 1), calc.send(:secret), calc.respond_to?(:secret)]
