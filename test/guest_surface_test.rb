# frozen_string_literal: true

require_relative "test_helper"

# docs/behaviours.md §5: the guest language. Everyday CRuby methods mruby 3.2 lacks are
# provided by kobako's prelude, and mruby bugs that give wrong answers are
# patched (wasm/patches/).
class GuestSurfaceTest < KobakoTest
  def setup
    @sb = sandbox
  end

  def test_integer_parity_and_neighbours
    assert_equal [false, true, true, false, true], @sb.eval("[1.even?, 2.even?, -3.odd?, 0.odd?, (2**70).even?]")
    assert_equal [4, -1], @sb.eval("[5.pred, 0.pred]")
    assert_equal [2, 4, 6, 8, 10], @sb.eval("(1..10).select(&:even?)")
  end

  def test_gcd_lcm_isqrt_and_fdiv
    assert_equal [4, 12, 0, 6], @sb.eval("[12.gcd(8), 4.lcm(6), 0.lcm(5), -12.gcd(18)]")
    assert_equal %w[0 1 4 10000000000 18446744073709551615],
                 @sb.eval("[0, 1, 24, 10**20 + 5, 2**128 - 1].map { Integer.sqrt(_1).to_s }")
    assert_equal "Math::DomainError", @sb.eval("begin; Integer.sqrt(-1); rescue => e; e.class.to_s; end")
    assert_in_delta 3.5, @sb.eval("7.fdiv(2)")
  end

  def test_range_step
    assert_equal [[1, 4, 7, 10], [2, 8, 14], [1.0, 1.5, 2.0], [1, 6, 11]],
                 @sb.eval("[(1..10).step(3).to_a, (1...10).step(3).map { _1 * 2 }, " \
                          "(1.0..2.0).step(0.5).to_a, (1..).step(5).first(3)]")
    assert_equal "ArgumentError", @sb.eval("begin; (1..3).step(0) { }; rescue => e; e.class.to_s; end")
  end

  # mruby 3.2 raised "comparison of Integer with Integer failed" whenever a
  # small Integer or a Float was compared with a big one.
  def test_small_and_big_integers_compare_both_ways
    assert_equal [true, true, false, false, -1, 1, true],
                 @sb.eval("b = 2**70; [1 < b, 1.0 <= b, 1 > b, b < 1, 1 <=> b, b <=> 1, -b < 1]")
    assert_equal [-(2**70), -1, 1, 2**70].map(&:to_s), @sb.eval("[2**70, 1, -(2**70), -1].sort.map(&:to_s)")
    assert_equal (2**70).to_s, @sb.eval("[1, 2**70, 3].max.to_s")
  end
end
