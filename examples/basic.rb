# frozen_string_literal: true

# Run with: ruby -Ilib examples/basic.rb
require "kobako"

sandbox = Kobako::Sandbox.new(timeout: 1.0, memory_limit: 4 << 20)

p sandbox.eval("[1, :a, {b: 2.5}]") # => [1, :a, {:b=>2.5}]

total = sandbox.eval(<<~'RUBY')
  prices = { apple: 120, pear: 95 }
  puts "items: #{prices.size}"
  prices.values.sum
RUBY
p total            # => 215
p sandbox.stdout   # => "items: 2\n"
p sandbox.usage.to_h
