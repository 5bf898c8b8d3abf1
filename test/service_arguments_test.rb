# frozen_string_literal: true

require "test_helper"

# How the guest's arguments reach a Service method, for every way the host
# makes the call (Transport::Invoke spells out calls of up to two positional
# arguments without keywords): each result is what CRuby gives for the same
# call written in Ruby, and the same name called many times in one
# invocation (the resolution cache) binds the same way every time.
class ServiceArgumentsTest < KobakoTest
  # Methods of every parameter shape, answering what they received.
  class Shapes
    def none = :none
    def one(first) = [first]
    def two(first, second) = [first, second]
    def three(first, second, third) = [first, second, third]
    def optional(first = :default) = [first]
    def rest(*args) = args
    def optional_and_keywords(first = nil, **options) = [first, options]
    def keywords(first, key: 1) = [first, key]
    def positional_hash(options) = options
  end

  def setup
    @sb = sandbox
    @sb.define(:S).bind(:Shapes, Shapes.new)
  end

  def test_each_shape_receives_what_cruby_passes
    assert_equal :none, @sb.eval("S::Shapes.none")
    assert_equal [1], @sb.eval("S::Shapes.one(1)")
    assert_equal [1, 2], @sb.eval("S::Shapes.two(1, 2)")
    assert_equal [1, 2, 3], @sb.eval("S::Shapes.three(1, 2, 3)")
    assert_equal [:default], @sb.eval("S::Shapes.optional")
    assert_equal [nil], @sb.eval("S::Shapes.optional(nil)")
    assert_equal [], @sb.eval("S::Shapes.rest")
    assert_equal [1, 2, 3, 4], @sb.eval("S::Shapes.rest(1, 2, 3, 4)")
    assert_equal [1, 5], @sb.eval("S::Shapes.keywords(1, key: 5)")
  end

  def test_a_trailing_hash_stays_positional
    assert_equal [{ "x" => 1 }, {}], @sb.eval('S::Shapes.optional_and_keywords({ "x" => 1 })')
    assert_equal [nil, { x: 1 }], @sb.eval("S::Shapes.optional_and_keywords(x: 1)")
    assert_equal({ "a" => [1, { "b" => 2 }] }, @sb.eval('S::Shapes.positional_hash({ "a" => [1, { "b" => 2 }] })'))
  end

  def test_the_same_name_binds_alike_for_the_whole_invocation
    script = <<~RUBY
      ok = (1..50).map { |i| S::Shapes.two(i, i) }
      bad = (1..3).map do
        S::Shapes.two(1)
      rescue Kobako::ServiceArgumentError => e
        e.message
      end
      [ok.last, bad.uniq]
    RUBY
    assert_equal [[50, 50], ["wrong number of arguments (given 1, expected 2)"]], @sb.eval(script)
  end
end
