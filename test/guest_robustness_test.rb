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
end
