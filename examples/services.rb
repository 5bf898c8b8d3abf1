# frozen_string_literal: true

# Binding host objects as Services: the script's only door to the host.
require "kobako"

Order = Struct.new(:id, :total) do
  def discounted(percent) = total * (100 - percent) / 100
end

class Orders
  def initialize = @orders = { 1 => Order.new(1, 200), 2 => Order.new(2, 50) }
  def find(id) = @orders.fetch(id)
  def each_id(&) = @orders.each_key(&)
end

sandbox = Kobako::Sandbox.new
sandbox.define(:Shop).bind(:Orders, Orders.new)

# Orders are not representable, so the guest holds them as Handles.
p sandbox.eval(<<~RUBY) # => [180, 45]
  ids = []
  Shop::Orders.each_id { |id| ids << id }
  ids.map { |id| Shop::Orders.find(id).discounted(10) }
RUBY

# A Handle returned by the script comes back as the host object.
p sandbox.eval("Shop::Orders.find(2)") # => #<struct Order id=2, total=50>

# Host failures are typed, and rescuable in the guest.
p sandbox.eval(<<~RUBY) # => "Kobako::ServiceError: KeyError: key not found: 9"
  begin
    Shop::Orders.find(9)
  rescue Kobako::ServiceError => e
    "\#{e.class}: \#{e.message}"
  end
RUBY
p sandbox.usage.service_calls # => 1
