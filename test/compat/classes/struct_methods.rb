Item = Struct.new(:name, :price, :qty) do
  def total = price * qty
end
cart = [Item.new("pen", 2, 3), Item.new("pad", 5, 1)]
[cart.sum(&:total), cart.map(&:to_a), cart.first.members, Item.members, cart.max_by(&:total).name]
