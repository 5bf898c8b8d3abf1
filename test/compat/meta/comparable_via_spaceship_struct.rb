Card = Struct.new(:rank, :suit) do
  include Comparable
  def <=>(o) = rank <=> o.rank
end
hand = [Card.new(10, "h"), Card.new(2, "s"), Card.new(14, "d")]
[hand.max.rank, hand.sort.map(&:rank), hand.min.suit]
