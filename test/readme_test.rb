# frozen_string_literal: true

require_relative "test_helper"

# The README's Ruby examples run, in order, as one program, and every
# `expr # => value` claim in them is checked (`expr # Kobako::SomeError`: that
# it raises). Only `orders` and `code`, which the README leaves to the reader,
# are defined here.
class ReadmeTest < KobakoTest
  Order = Struct.new(:id, :total)

  # The host object the README binds as a Service.
  class Orders
    def find(id) = Order.new(id, id * 10)
  end

  BLOCKS = File.read(File.join(ROOT, "README.md")).scan(/```ruby\n(.*?)```/m).flatten.freeze
  CLAIM = /\A(?<expr>.+?)\s+# => (?<value>.+)\z/
  RAISES = /\A(?<expr>.+?)\s+# (?<error>Kobako::\w+)\z/

  def test_the_readme_has_ruby_examples
    assert_operator BLOCKS.size, :>=, 4
  end

  def test_the_readme_examples_run_and_say_what_they_return
    checks = 0
    scope = binding # one scope: later blocks use the `sandbox` of earlier ones
    scope.local_variable_set(:orders, Orders.new)
    scope.local_variable_set(:code, "Shop::Orders.find(3).total")
    BLOCKS.each do |block|
      program = block.lines.map { |line| checked(line.chomp) { checks += 1 } }.join("\n")
      scope.eval(program, "README.md")
    end
    assert_operator checks, :>=, 10, "the README's claims were not found"
  end

  private

  # One README line, rewritten to assert what its comment claims.
  def checked(line)
    if (m = CLAIM.match(line)) && literal?(m[:value])
      yield
      "assert_equal(#{m[:value]}, (#{m[:expr].strip}))"
    elsif (m = RAISES.match(line))
      yield
      "assert_raises(#{m[:error]}) { #{m[:expr].strip} }"
    else
      line
    end
  end

  # Claims written as Ruby values; `#<Kobako::Usage ...>` and prose are not.
  def literal?(text)
    !text.start_with?("#<", "the ") && !text.include?("#{' ' * 2}#")
  end
end
