# frozen_string_literal: true

require "test_helper"

# Real programs run to their end inside the guest: exception storms, sizes
# too big for wasm32 memory, garbage under a tight memory_limit.
class GuestRobustnessTest < KobakoTest
  # --- exception storms: every raise used to cost GC-heap space that wasmtime
  # could only reclaim by a collection that yields, which the driver took for
  # a stall (first failure at the 1,366th raise).

  def test_exception_storm_of_a_million_rescues
    sb = sandbox(timeout: 120)
    assert_equal 1_000_000, sb.eval(<<~RUBY)
      n = 0
      1_000_000.times { begin; Integer("z"); rescue ArgumentError; n += 1; end }
      n
    RUBY
  end

  def test_exception_storm_with_modifier_rescue
    assert_equal 5000, sandbox(timeout: 60).eval('5000.times { Integer("z") rescue nil }')
  end

  def test_exception_storm_in_loops_with_ensure_and_retry
    sb = sandbox(timeout: 60)
    assert_equal [20_000, 20_000, 10_000], sb.eval(<<~RUBY)
      ensured = 0
      tries = 0
      i = 0
      while i < 20_000
        begin
          raise "boom" if i.even?
        rescue
          nil
        ensure
          ensured += 1
        end
        i += 1
      end
      loops = 0
      loop do
        break if loops == 10_000
        begin
          tries += 1
          raise "again" if tries.odd?
        rescue
          retry
        end
        loops += 1
      end
      [ensured, tries, loops]
    RUBY
  end

  def test_exception_storm_nested_and_raised_from_ensure
    sb = sandbox(timeout: 60)
    assert_equal [10_000, 10_000], sb.eval(<<~RUBY)
      inner = 0
      outer = 0
      10_000.times do
        begin
          begin
            begin
              raise TypeError
            ensure
              raise KeyError
            end
          rescue KeyError
            inner += 1
            raise IndexError
          end
        rescue IndexError
          outer += 1
        end
      end
      [inner, outer]
    RUBY
  end

  def test_catch_throw_storm
    assert_equal 100_000, sandbox(timeout: 60).eval(<<~RUBY)
      n = 0
      100_000.times { n += catch(:tag) { throw :tag, 1 } }
      n
    RUBY
  end

  # --- sizes no wasm32 string can hold: a Ruby exception, never a trap.

  TOO_BIG_FOR_WASM32 = [
    '"x" * (2**32 + 1)', '"x".ljust(2**40)', '"x".rjust(2**33)', '"x".center(2**33)',
    '"ab" * (2**31)', '"x" * (2**31)', '"x" + "y".ljust(2**31)', '"abc" * (2**30 + 1)'
  ].freeze

  def test_oversized_strings_raise_a_rescuable_no_memory_error
    sb = sandbox(memory_limit: 64 * MIB)
    TOO_BIG_FOR_WASM32.each do |expr|
      assert_equal ["NoMemoryError", "failed to allocate memory"],
                   sb.eval("begin; #{expr}; rescue NoMemoryError => e; [e.class.name, e.message]; end"), expr
    end
    assert_usable sb
  end

  def test_oversized_string_unrescued_is_a_sandbox_error
    error = assert_sandbox_error(sandbox, '"x" * (2**32 + 1)', klass: "NoMemoryError")
    assert_match(/failed to allocate memory/, error.message)
  end

  def test_oversized_arrays_and_formats_raise_argument_or_index_errors
    sb = sandbox
    {
      "Array.new(2**31)" => "IndexError", "[0] * (2**30)" => "ArgumentError",
      "[[1]] * (2**31)" => "ArgumentError", '[1].pack("x4294967297")' => "RuntimeError",
      '"%4294967297d" % 1' => "ArgumentError", "[0] * (2**62)" => "ArgumentError"
    }.each do |expr, klass|
      assert_equal klass, sb.eval("begin; #{expr}; rescue => e; e.class.name; end"), expr
    end
  end

  def test_size_that_fits_wasm32_but_not_the_limit_is_a_memory_limit_error
    sb = sandbox(memory_limit: MIB)
    error = assert_raises(Kobako::MemoryLimitError) { sb.eval('"x" * (2**30)') }
    assert_includes error.message, MIB.to_s
    assert_operator sb.usage.memory_peak, :<=, MIB
    assert_usable sb
  end

  # --- garbage under memory_limit: a refused growth is an allocation failure
  # inside the guest, so mruby collects and retries before giving up.

  def test_garbage_strings_are_collected_before_the_limit
    sb = sandbox(memory_limit: MIB)
    assert_equal 1, sb.eval('10.times { "x" * 200_000 }; 1')
    assert_operator sb.usage.memory_peak, :<=, MIB
  end

  def test_many_small_strings_fit_once_garbage_is_collected
    sb = sandbox(memory_limit: MIB)
    assert_equal 20_000, sb.eval("a = []; 20_000.times { |i| a << i.to_s }; a.size")
    assert_operator sb.usage.memory_peak, :<=, MIB
  end

  def test_a_real_leak_still_ends_in_memory_limit_error
    sb = sandbox(memory_limit: MIB, timeout: 60)
    error = assert_raises(Kobako::MemoryLimitError) { sb.eval('a = []; loop { a << "x" * 1000 }') }
    assert_match(/requested \d+ bytes, limit #{MIB} bytes/, error.message)
    assert_operator sb.usage.memory_peak, :<=, MIB
    assert_usable sb
  end

  def test_the_script_may_rescue_exhaustion_and_go_on
    sb = sandbox(memory_limit: MIB)
    assert_equal [:rescued, 3], sb.eval(<<~RUBY)
      r = begin
        a = []
        loop { a << "x" * 10_000 }
      rescue NoMemoryError
        a = nil
        :rescued
      end
      [r, [1, 2, 3].size]
    RUBY
    assert_operator sb.usage.memory_peak, :<=, MIB
  end

  def test_a_rescued_exhaustion_does_not_hide_a_later_timeout
    sb = sandbox(memory_limit: MIB, timeout: 0.5)
    assert_raises(Kobako::TimeoutError) do
      sb.eval('begin; "x" * 2_000_000; rescue NoMemoryError; end; loop { }')
    end
  end

  # --- blocks yielded by a Service behave as in CRuby: each script runs in the
  # sandbox against Services and in this CRuby against the same plain objects.

  # The host objects; `log` records what the host saw, ensure clauses included.
  class Iter
    def initialize(name, log)
      @name = name
      @log = log
    end

    def each(items)
      items.each { |x| @log << [@name, :yielded, x, yield(x)] }
      @log << [@name, :done]
      :each_done
    ensure
      @log << [@name, :ensure]
    end
  end

  def differential(script)
    got_log = []
    sb = sandbox
    sb.define(:I).bind(:Iter, Iter.new(:iter, got_log)).bind(:Other, Iter.new(:other, got_log))
    got = sb.eval(script)
    [got, got_log]
  end

  def in_cruby(script)
    log = []
    space = Module.new
    space.const_set(:Iter, Iter.new(:iter, log))
    space.const_set(:Other, Iter.new(:other, log))
    runner = Object.new
    runner.singleton_class.const_set(:I, space)
    [runner.instance_eval(script), log]
  end

  def assert_same_as_cruby(script)
    assert_equal in_cruby(script), differential(script), script
  end

  def test_block_return_returns_from_the_method
    assert_same_as_cruby(<<~RUBY)
      def m
        I::Iter.each([1, 2, 3]) { |x| return x * 10 if x == 2 }
        :not_reached
      end
      [m, :after]
    RUBY
  end

  def test_block_return_of_several_values_and_of_nothing
    assert_same_as_cruby(<<~RUBY)
      def two = I::Iter.each([1]) { return 1, 2 }
      def none = I::Iter.each([1]) { return }
      [two, none]
    RUBY
  end

  def test_block_return_runs_the_guest_ensure_clauses
    assert_same_as_cruby(<<~RUBY)
      def m(out)
        I::Iter.each([1, 2]) do |x|
          begin
            return [:returned, x]
          ensure
            out << :block_ensure
          end
        end
      ensure
        out << :method_ensure
      end
      out = []
      [m(out), out]
    RUBY
  end

  def test_block_return_from_a_lambda_body
    assert_same_as_cruby(<<~RUBY)
      l = lambda do
        I::Iter.each([1, 2]) { |x| return [:from_lambda, x] }
        :not_reached
      end
      [l.call, :after]
    RUBY
  end

  def test_block_return_from_a_proc_body_returns_from_its_method
    assert_same_as_cruby(<<~RUBY)
      def m
        pr = proc { I::Iter.each([5]) { |x| return [:from_proc, x] } }
        pr.call
        :not_reached
      end
      m
    RUBY
  end

  def test_block_return_from_nested_service_blocks
    assert_same_as_cruby(<<~RUBY)
      def m
        I::Iter.each([1, 2]) do |x|
          I::Other.each([x * 10, x * 20]) { |y| return y + x if y == 20 }
        end
        :not_reached
      end
      [m, :after]
    RUBY
  end

  def test_next_break_raise_and_throw_in_service_blocks
    assert_same_as_cruby(<<~RUBY)
      nexted = I::Iter.each([1, 2]) { |x| next x * 3 }
      broke = I::Iter.each([1, 2, 3]) { |x| break [:broke, x] if x == 2 }
      nested_break = I::Iter.each([1]) { I::Other.each([7, 8]) { |y| break y } }
      raised = begin
        I::Iter.each([1]) { raise KeyError, "k" }
      rescue KeyError => e
        [:rescued, e.message]
      end
      thrown = catch(:t) { I::Iter.each([1, 2]) { |x| I::Other.each([x]) { |y| throw :t, [:thrown, y] } } }
      [nexted, broke, nested_break, raised, thrown]
    RUBY
  end

  def test_lambda_passed_as_the_block_returns_to_the_service
    assert_same_as_cruby(<<~RUBY)
      l = ->(x) { return x * 2 }
      [I::Iter.each([1, 2], &l), :after]
    RUBY
  end

  def test_return_after_the_method_ended_is_a_local_jump_error
    assert_same_as_cruby(<<~RUBY)
      def make = proc { |x| return x }
      pr = make
      begin
        I::Iter.each([1], &pr)
      rescue LocalJumpError => e
        :local_jump
      end
    RUBY
  end
end
