# frozen_string_literal: true

require "test_helper"

# docs/behaviours.md §4: timeout (B-01), memory limit and stack exhaustion.
class CapsTest < KobakoTest
  def test_b01_timeout_stops_an_infinite_loop
    sb = sandbox(timeout: 0.2)
    error = nil
    time = elapsed { error = assert_raises(Kobako::TimeoutError) { sb.eval("loop {}") } }
    assert_kind_of Kobako::TrapError, error
    assert_match(/\ASandbox#eval failed: /, error.message)
    assert_match(/deadline/, error.message)
    assert_operator time, :<, 2.0, "timeout of 0.2s took #{time}s"
    assert_usable sb
  end

  def test_b01_timeout_cannot_be_rescued_or_ensured_away
    sb = sandbox(timeout: 0.2)
    assert_raises(Kobako::TimeoutError) do
      sb.eval("begin; loop {}; rescue Exception; loop {}; ensure; loop {}; end")
    end
    assert_raises(Kobako::TimeoutError) { sb.eval("while true; end") }
    assert_raises(Kobako::TimeoutError) { sb.eval("def f; f2; end; def f2; i = 0; i += 1 while true; end; f") }
    assert_usable sb
  end

  def test_b01_timeout_in_a_long_computation_inside_c_code
    sb = sandbox(timeout: 0.3, memory_limit: 64 * MIB)
    assert_raises(Kobako::TimeoutError) { sb.eval("a = (1..200_000).to_a; loop { a.sort_by { |x| -x } }") }
    assert_usable sb
  end

  def test_b01_no_timeout_lets_work_finish
    assert_equal 2_000_000, sandbox(timeout: nil).eval("i = 0; i += 1 while i < 2_000_000; i")
  end

  def test_memory_limit_stops_an_allocation_bomb
    limit = 2 * MIB
    sb = sandbox(memory_limit: limit)
    error = assert_raises(Kobako::MemoryLimitError) { sb.eval('s = "x"; loop { s += s }') }
    assert_kind_of Kobako::TrapError, error
    assert_match(/\ASandbox#eval failed: /, error.message)
    assert_includes error.message, limit.to_s, "message gives the limit in bytes"
    assert_operator error.message.scan(/\d+/).size, :>=, 2, "message gives requested and limit bytes"
    assert_operator sb.usage.memory_peak, :<=, limit
    assert_usable sb
  end

  def test_memory_limit_stops_a_single_huge_allocation
    sb = sandbox(memory_limit: MIB)
    assert_raises(Kobako::MemoryLimitError) { sb.eval('"x" * (512 * 1024 * 1024)') }
    assert_operator sb.usage.memory_peak, :<=, MIB
    assert_usable sb
  end

  def test_memory_limit_stops_many_small_objects
    sb = sandbox(memory_limit: 4 * MIB)
    assert_raises(Kobako::MemoryLimitError) { sb.eval("a = []; loop { a << [1, 2, 3] }") }
    assert_operator sb.usage.memory_peak, :<=, 4 * MIB
    assert_usable sb
  end

  def test_memory_below_the_limit_is_usable
    sb = sandbox(memory_limit: 16 * MIB)
    assert_equal 4 * MIB, sb.eval("('y' * (4 * 1024 * 1024)).bytesize")
    assert_operator sb.usage.memory_peak, :>=, 3 * MIB
    assert_operator sb.usage.memory_peak, :<=, 16 * MIB
  end

  def test_deep_recursion_is_contained
    sb = sandbox(memory_limit: 64 * MIB)
    error = assert_raises(Kobako::SandboxError, Kobako::TrapError) { sb.eval("def f(n); f(n + 1); end; f(0)") }
    assert_equal "SystemStackError", error.klass if error.is_a?(Kobako::SandboxError)
    assert_usable sb
  end

  def test_deep_recursion_with_default_limits_is_contained
    sb = sandbox
    assert_raises(Kobako::SandboxError, Kobako::TrapError) { sb.eval("def f(n); 1 + f(n + 1); end; f(0)") }
    assert_usable sb
  end

  def test_deep_recursion_through_blocks_is_contained
    sb = sandbox(memory_limit: 64 * MIB)
    assert_raises(Kobako::SandboxError, Kobako::TrapError) do
      sb.eval("def g(n); [1].each { g(n + 1) }; end; g(0)")
    end
    assert_usable sb
  end

  def test_caps_apply_to_every_invocation
    sb = sandbox(timeout: 0.2, memory_limit: 2 * MIB)
    3.times do
      assert_raises(Kobako::TimeoutError) { sb.eval("loop {}") }
      assert_raises(Kobako::MemoryLimitError) { sb.eval('s = "x"; loop { s += s }') }
      assert_usable sb
    end
  end
end
