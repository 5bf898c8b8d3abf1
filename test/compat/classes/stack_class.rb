class Stack
  def initialize = @items = []
  def push(x) = tap { @items.push(x) }
  def pop = @items.pop
  def peek = @items.last
  def empty? = @items.empty?
  def size = @items.size
end
s = Stack.new.push(1).push(2).push(3)
popped = s.pop
[popped, s.peek, s.size, s.empty?]
