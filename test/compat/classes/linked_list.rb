class Node
  attr_accessor :value, :next_node
  def initialize(v, n = nil) = (@value, @next_node = v, n)
end
class List
  include Enumerable
  def initialize(*vals) = @head = vals.reverse.inject(nil) { |nxt, v| Node.new(v, nxt) }
  def each
    n = @head
    while n
      yield n.value
      n = n.next_node
    end
  end
end
l = List.new(3, 1, 4, 1, 5)
[l.to_a, l.sort, l.sum, l.select(&:odd?), l.each_cons(2).to_a.size]
