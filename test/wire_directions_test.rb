# frozen_string_literal: true

require "test_helper"

# docs/wire.md, docs/values.md: the same values cross in every direction — an
# eval result, #run arguments, Service arguments and results, yield arguments
# and block values. Nesting: 128 levels cross each way, 129 are a typed error.
# Integers of any size cross each way (ext 2 beyond signed 64-bit).
class WireDirectionsTest < KobakoTest
  BIG = [-(2**63), (2**63) - 1, 2**64, -(2**64), 2**70, -(2**200)].freeze
  BIG_SRC = "[-(2**63), 2**63-1, 2**64, -(2**64), 2**70, -(2**200)]"
  # The same list for comparisons made in the guest: mruby's `-(2**63)` stays
  # a bigint that `==` the fixnum -2**63 does not (an mruby quirk, not the
  # wire's), so the guest writes that one as a fixnum.
  GUEST_BIG_SRC = "[-9223372036854775807 - 1, 2**63-1, 2**64, -(2**64), 2**70, -(2**200)]"

  ENTRYPOINTS = <<~RUBY.freeze
    def depth_of(x)
      d = 0
      while x.is_a?(Array)
        d += 1
        x = x[0]
      end
      d
    end
    Depth = ->(x) { depth_of(x) }
    Echo = ->(*args, **kwargs) { [args, kwargs] }
    Same = ->(xs, k:) { xs == #{GUEST_BIG_SRC} && k == 2**70 }
  RUBY

  # The host side of every direction.
  class Probe
    attr_reader :seen

    def depth(value) = depth_of(value)
    def make(levels) = nested(levels)
    def give(levels) = yield(nested(levels))
    def take = depth_of(yield)
    def values = BIG
    def keep(*values) = (@seen = values).size
    def give_values = yield(BIG)
    def take_values = (@seen = yield)

    private

    def nested(levels) = (1..levels).reduce(1) { |inner, _| [inner] }

    def depth_of(value)
      depth = 0
      while value.is_a?(Array)
        depth += 1
        value = value.first
      end
      depth
    end
  end

  def setup
    @probe = Probe.new
    @sb = sandbox
    @sb.define(:P).bind(:Probe, @probe)
    @sb.preload(code: ENTRYPOINTS, name: :Entrypoints)
  end

  def nested_src(levels) = "(a = 1; #{levels}.times { a = [a] }; a)"

  def nested(levels) = (1..levels).reduce(1) { |inner, _| [inner] }

  def test_nesting_eval_result
    assert_equal 128, depth_of(@sb.eval(nested_src(128)))
    assert_sandbox_error(@sb, nested_src(129), message: /nesting deeper than 128/)
  end

  def test_nesting_run_arguments
    assert_equal 128, @sb.run(:Depth, nested(128))
    error = assert_raises(Kobako::Codec::Error) { @sb.run(:Depth, nested(129)) }
    assert_match(/nesting deeper than 128/, error.message)
    assert_usable @sb
  end

  def test_nesting_service_arguments
    assert_equal 128, @sb.eval("P::Probe.depth(#{nested_src(128)})")
    assert_sandbox_error(@sb, "P::Probe.depth(#{nested_src(129)})", klass: "RangeError",
                                                                    message: /nesting deeper than 128/)
  end

  def test_nesting_service_keyword_arguments
    @sb.define(:K).bind(:Kw, ->(deep:) { deep })
    assert_equal 128, depth_of(@sb.eval("K::Kw.call(deep: #{nested_src(128)})"))
    assert_sandbox_error(@sb, "K::Kw.call(deep: #{nested_src(129)})", klass: "RangeError")
  end

  def test_nesting_service_result
    assert_equal 128, @sb.eval("depth_of(P::Probe.make(128))")
    error = assert_raises(Kobako::ServiceError) { @sb.eval("P::Probe.make(129)") }
    assert_match(/nesting deeper than 128/, error.message)
  end

  def test_nesting_yield_arguments
    assert_equal 128, @sb.eval("P::Probe.give(128) { |x| depth_of(x) }")
    error = assert_raises(Kobako::ServiceError) { @sb.eval("P::Probe.give(129) { |x| depth_of(x) }") }
    assert_match(/nesting deeper than 128/, error.message)
  end

  def test_nesting_block_value
    assert_equal 128, @sb.eval("P::Probe.take { #{nested_src(128)} }")
    error = assert_sandbox_error(@sb, "P::Probe.take { #{nested_src(129)} }")
    assert_match(/nesting deeper than 128/, error.message)
    assert_usable @sb
  end

  def test_big_integers_eval_result
    BIG.zip(BIG_SRC.delete("[]").split(", ")).each do |int, src|
      result = @sb.eval(src)
      assert_equal int, result, src
      assert_kind_of Integer, result
    end
    assert_equal BIG, @sb.eval(BIG_SRC)
  end

  def test_big_integers_run_arguments
    assert_equal [BIG, { k: 2**70 }], @sb.run(:Echo, *BIG, k: 2**70)
    assert_same true, @sb.run(:Same, BIG, k: 2**70)
  end

  def test_big_integers_service_arguments
    assert_equal BIG.size, @sb.eval("P::Probe.keep(*#{BIG_SRC})")
    assert_equal BIG, @probe.seen
  end

  def test_big_integers_service_result
    assert_same true, @sb.eval("P::Probe.values == #{GUEST_BIG_SRC}")
    assert_equal BIG, @sb.eval("P::Probe.values")
  end

  def test_big_integers_yield_arguments_and_block_value
    assert_same true, @sb.eval("P::Probe.give_values { |xs| xs == #{GUEST_BIG_SRC} }")
    @sb.eval("P::Probe.take_values { #{BIG_SRC} }")
    assert_equal BIG, @probe.seen
  end

  def test_big_integer_arithmetic_after_the_crossing
    assert_equal (2**70) + 1, @sb.eval("P::Probe.values[4] + 1")
    assert_equal (2**64) * 3, @sb.eval("P::Probe.give_values { |xs| xs[2] * 3 }")
  end
end
