# frozen_string_literal: true

require "test_helper"

# The guest's mrb_value is NaN-boxed (wasm/build.rb): 8 bytes, Floats inline
# as full doubles, Integers inline within ±2**47 and boxed beyond (heap
# RInteger to 2**63, Bignum past it); and mruby's interpreter loop runs
# outside the function that calls setjmp (wasm/patches/vm_exec_setjmp_*.rb).
# Every script here runs in the real guest and, where it says so, in CRuby
# 3.1, the oracle.
class ValueRepresentationTest < KobakoTest
  def setup
    @sb = sandbox
  end

  # Each source's inspect in CRuby 3.1 (one process for the lot).
  def oracle(sources)
    program = sources.map { |src| "puts((begin; #{src}; end).inspect)" }.join("\n")
    out = IO.popen([ORACLE_RUBY, "-e", program], &:read)
    assert_predicate Process.last_status, :success?
    out.lines(chomp: true)
  end

  def assert_like_cruby(sources)
    sources.zip(oracle(sources)).each do |src, expected|
      assert_equal expected, @sb.eval("(begin; #{src}; end).inspect"), src
    end
  end

  BOUNDARIES = [2**31, 2**47, 2**48, 2**62, 2**63, 2**64, 2**100].flat_map { |n| [n - 1, n, -n, -n - 1] }.freeze

  def test_integers_at_every_boxing_boundary_cross_exactly
    BOUNDARIES.each do |n|
      assert_equal n, @sb.eval(n.to_s), n.to_s
      assert_equal n, @sb.eval("#{n - 1} + 1"), "#{n - 1} + 1"
    end
    # Built by arithmetic: a literal list trips a separate, older bug (a
    # negative Bignum literal after the same positive one reads positive).
    assert_equal BOUNDARIES, @sb.eval("[31, 47, 48, 62, 63, 64, 100].flat_map { |k| n = 2**k; [n - 1, n, -n, -n - 1] }")
  end

  # An echo Service: host Integers decoded into guest values (wasm/src/decode.rs).
  class Echo
    def echo(value) = value
  end

  def test_integers_passed_in_come_back_exactly
    @sb.define(:Host).bind(:Echo, Echo.new)
    BOUNDARIES.each do |n|
      assert_equal [n, n + 1, true], @sb.eval("x = Host::Echo.echo(#{n}); [x, x + 1, x == #{n}]"), n.to_s
    end
  end

  def test_integer_arithmetic_across_the_inline_range_matches_cruby
    assert_like_cruby [
      "2**47 - 1 + 1", "-(2**47) - 1", "(2**47) * 2 / 2 == 2**47", "(1 << 46) + (1 << 46)",
      "[2**47, 2**47 - 1, -(2**47)].map(&:class)", "(2**47).to_s(16)", "(2**50) - (2**50 - 7)",
      "2**62 + 2**62", "(2**63 - 1) + 1", "-(2**63) - 1", "(2**63 - 1) * (2**63 - 1)",
      "i = 0; s = 0; while i < 100_000; s += i * 100_000; i += 1; end; s",
      "[2**47 <=> 2**47, 2**48 == 2**48, (2**48).eql?(2**48), (2**48).hash == (2**48).hash]",
      "a = 2**47; b = 2**47 + 1; [a < b, a <= b, a > b, a >= b, a == b - 1, a < 2.0**48, 2.0**46 < a]",
      "{ 2**50 => :big, 2**20 => :small }[2**50]", "[2**50, 3].include?(2**50)",
      "[(2**50).equal?(2**50), (2**40).equal?(2**40), (2**62 - 1).equal?(2**62 - 1), (2**50).equal?(2**50 + 1)]",
      "(2**47..2**47 + 3).to_a", "(2**48).divmod(7)", "-(2**48) >> 3", "(2**46) << 2",
      "x = 2**47 - 2; 4.times.map { x += 1 }"
    ]
  end

  def test_floats_stay_full_doubles
    floats = [0.1, 0.1 + 0.2, 1.0 / 3, 2.2250738585072014e-308, 5.0e-324, 1.7976931348623157e308, -0.0, 1e22,
              123_456_789.123]
    floats.each do |f|
      got = @sb.eval(f.inspect)
      assert_equal [f].pack("G"), [got].pack("G"), f.inspect
    end
    assert_like_cruby [
      "0.1 + 0.2", "1.0 / 3", "[-0.0, 0.0 * -1]", "1e300 * 10", "(0.0 / 0.0).nan?", "2.0**0.5",
      "[1.5.floor, 2.5.round, 1e15.to_i, (2**53 + 1).to_f]", "Math.sqrt(2) * Math.sqrt(2)"
    ]
  end

  def test_a_100_000_integer_array_fits_the_default_memory_cap
    assert_nil @sb.eval("Array.new(100_000) { |i| i }; nil")
    peak = @sb.usage.memory_peak
    assert_operator peak, :<=, 1 << 20
    # 8-byte values, and Array.new(n) takes exactly n slots
    # (wasm/patches/array_exact_jump.rb): the Array's 800,000 bytes, partly in
    # memory the boot left free; 16-byte values needed 1.6 MB for the Array
    # alone, and doubling the capacity to 131,072 slots put it at the cap.
    assert_operator peak, :<=, 100_000 * 9
  end

  def test_a_100_000_integer_array_comes_back_to_the_host
    big = sandbox(memory_limit: 2 << 20)
    assert_equal (0...100_000).to_a, big.eval("Array.new(100_000) { |i| i }")
  end

  def test_raises_rescued_inside_loops_and_c_called_blocks_match_cruby
    assert_like_cruby [
      "r = []; 50.times { |i| begin; [i].each { |x| raise \"e\#{x}\" if x.odd? }; r << i; " \
      "rescue => e; r << e.message; end }; r",
      "def m(n); n.zero? ? raise(ArgumentError, 'bottom') : m(n - 1); end; " \
      "begin; m(40); rescue ArgumentError => e; [e.message, 1 + 1]; end",
      "out = []; begin; [1, 2].each { |x| begin; raise 'in'; ensure; out << x; end }; " \
      "rescue; out << :rescued; end; out",
      "catch(:done) { 10.times { |i| [i].map { |j| throw :done, j * 3 if j == 4 } } }",
      "[1, 2, 3].each_with_index.map { |v, i| break v * 10 if i == 1; v }",
      "f = Fiber.new { x = Fiber.yield(1); raise 'f' if x == :boom; x }; " \
      "[f.resume, (begin; f.resume(:boom); rescue => e; e.message; end)]",
      "def e; yield; ensure; $t = :ensured; end; [e { 5 }, $t]",
      "x = 0; 1000.times { begin; Integer('z'); rescue ArgumentError; x += 1; end }; x"
    ]
  end
end
