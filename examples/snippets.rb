# frozen_string_literal: true

# Tool entrypoints loaded once, called per request (docs/snippets.md).
require "kobako"

sandbox = Kobako::Sandbox.new
sandbox.preload(code: <<~'RUBY', name: :Tools)
  Greet = ->(name:, punctuation: "!") { "Hello, #{name}#{punctuation}" }
  Total = ->(cart) { cart.items.sum { |item| item.fetch(:price) * item.fetch(:qty) } }
RUBY

puts sandbox.run(:Greet, name: "Ada") # => Hello, Ada!

# A host object the wire cannot carry is lent to the entrypoint as a Handle.
Cart = Struct.new(:items)
cart = Cart.new([{ price: 3, qty: 2 }, { price: 10, qty: 1 }])
puts sandbox.run(:Total, cart) # => 16

begin
  sandbox.run(:Missing)
rescue Kobako::SandboxError => e
  puts e.message # => NameError: undefined entrypoint Missing (entrypoints: Greet, Total)
end

# Bytecode from the guest's own compiler, e.g. built once at deploy time.
bytes = Kobako::Bytecode.compile("Square = ->(x) { x * x }", name: "square.rb")
fast = Kobako::Sandbox.new.preload(binary: bytes)
puts fast.run(:Square, 12)                           # => 144
