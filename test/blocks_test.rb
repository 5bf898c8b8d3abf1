# frozen_string_literal: true

require "test_helper"

# docs/behaviours.md §3, B-23…B-30: guest blocks passed to Services.
class BlocksTest < KobakoTest
  Box = Struct.new(:v)

  class Iter
    attr_reader :log, :kept

    def initialize
      @log = []
    end

    def each(items, &)
      items.each(&)
      :each_done
    end

    def map(items, &) = items.map(&)
    def twice = [yield(1), yield(2)]
    def no_yield = :ignored_block

    def guarded(items, &)
      items.each(&)
      :finished
    ensure
      @log << :ensure_ran
    end

    def rescuing
      yield
    rescue Kobako::SandboxError => e
      "rescued #{e.klass}: #{e.message}"
    end

    def keep(&block)
      @kept = block
      :kept
    end

    def call_kept = @kept.call(1)
    def nested = yield(->(x) { x * 10 }.call(yield(1)))
    def handle = Box.new(7)
    def give_handle = yield(Box.new(9))
    def block_value_class = yield.class.name
  end

  def setup
    @iter = Iter.new
    @sb = sandbox
    @sb.define(:I).bind(:Iter, @iter)
  end

  # B-23: each yield is a round trip into the guest, repeated.
  def test_b23_yield_round_trips
    assert_equal [[2, 4, 6], :each_done], @sb.eval(<<~RUBY)
      out = []
      r = I::Iter.each([1, 2, 3]) { |x| out << x * 2 }
      [out, r]
    RUBY
    assert_equal [10, 20], @sb.eval("I::Iter.map([1, 2]) { |x| x * 10 }")
  end

  # B-24: next v → yield returns v.
  def test_b24_next
    assert_equal [100, 2], @sb.eval("I::Iter.twice { |x| next 100 if x == 1; x }")
  end

  # B-25: break v ends the Service at once; its ensure runs.
  def test_b25_break_unwinds_the_service
    assert_equal :stopped, @sb.eval("I::Iter.guarded([1, 2, 3]) { |x| break :stopped if x == 2 }")
    assert_equal [:ensure_ran], @iter.log
  end

  def test_break_value_stays_a_guest_object
    assert_equal "Object", @sb.eval("I::Iter.each([1]) { break Object.new }.class.to_s")
  end

  # B-26: a lambda's break acts like next.
  def test_b26_lambda_break
    assert_equal [5, 5], @sb.eval("l = ->(x) { break 5 }; I::Iter.twice(&l)")
  end

  # B-27: an exception in the block reaches the host yield site, rescuable there.
  def test_b27_block_exception_rescued_by_the_service
    assert_equal "rescued ZeroDivisionError: ZeroDivisionError: divided by 0", @sb.eval("I::Iter.rescuing { 1 / 0 }")
  end

  # B-27: unrescued by the Service → the guest sees its original exception.
  def test_b27_block_exception_propagates_back_to_the_guest
    assert_equal %w[KeyError boom], @sb.eval(<<~RUBY)
      class KeyError; end
      begin
        I::Iter.each([1]) { raise KeyError, "boom" }
      rescue KeyError => e
        [e.class.to_s, e.message]
      end
    RUBY
    error = assert_raises(Kobako::SandboxError) { @sb.eval('I::Iter.each([1]) { raise "inner" }') }
    assert_equal "RuntimeError", error.klass
    assert_usable @sb
  end

  # B-28: nested yields and Service calls from inside a block.
  def test_b28_nested
    assert_equal [[1, 10], [2, 20]], @sb.eval("I::Iter.map([1, 2]) { |x| [x, I::Iter.map([x]) { |y| y * 10 }.first] }")
    assert_equal [[2, 4], [4, 8]], @sb.eval(<<~RUBY)
      I::Iter.map([1, 2]) { |x| I::Iter.map([x * 2, x * 4]) { |y| y } }
    RUBY
  end

  # B-29: a Service that never yields just returns.
  def test_b29_no_yield
    assert_equal :ignored_block, @sb.eval("I::Iter.no_yield { raise 'never' }")
  end

  # B-30: a block stored and called after the dispatch returned.
  def test_b30_stored_block_after_return
    assert_equal :kept, @sb.eval("I::Iter.keep { |x| x }")
    assert_raises(LocalJumpError) { @iter.call_kept }
    assert_equal "Kobako::ServiceError", @sb.eval(<<~RUBY)
      I::Iter.keep { |x| x }
      begin; I::Iter.call_kept; rescue Kobako::ServiceError => e; e.class.to_s; end
    RUBY
    assert_match(/LocalJumpError/,
                 @sb.eval("I::Iter.keep { 1 }; begin; I::Iter.call_kept; rescue => e; e.message; end"))
  end

  # B-37: Handles in a block's value are restored for the Service.
  def test_b37_block_value_handles_restored
    assert_equal "BlocksTest::Box", @sb.eval("h = I::Iter.handle; I::Iter.block_value_class { h }")
    assert_equal 9, @sb.eval("I::Iter.give_handle { |s| s.v }")
  end

  # Caps count time spent in blocks.
  def test_timeout_inside_a_block
    sb = sandbox(timeout: 0.3)
    sb.define(:I).bind(:Iter, Iter.new)
    assert_raises(Kobako::TimeoutError) { sb.eval("I::Iter.each([1]) { loop {} }") }
    assert_usable sb
  end

  def test_non_representable_block_value
    assert_raises(Kobako::SandboxError) { @sb.eval("I::Iter.map([1]) { Object.new }") }
    assert_usable @sb
  end
end
