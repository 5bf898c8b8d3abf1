class Countdown
  include Enumerable
  def initialize(n) = @n = n
  def each
    return to_enum(:each) unless block_given?
    @n.downto(1) { |i| yield i }
  end
end
c = Countdown.new(4)
[c.each.next, c.to_a, c.map { |x| x * 2 }, c.each_slice(3).to_a]
