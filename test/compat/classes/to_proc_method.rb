class Multiplier
  def initialize(n) = @n = n
  def to_proc = ->(x) { x * @n }
end
[[1, 2, 3].map(&Multiplier.new(10)), %w[a b].map(&:upcase)]
