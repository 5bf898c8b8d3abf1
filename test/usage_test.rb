# frozen_string_literal: true

require "test_helper"

# B-35 (docs/behaviours.md §2.7): Kobako::Usage and its population on every outcome.
class UsageTest < KobakoTest
  def test_value_object
    usage = Kobako::Usage.new(wall_time: 1.5, memory_peak: 10)
    assert_predicate usage, :frozen?
    assert_in_delta 1.5, usage.wall_time
    assert_equal 10, usage.memory_peak
    assert_equal({ wall_time: 1.5, memory_peak: 10, service_calls: 0 }, usage.to_h)
    assert_equal Kobako::Usage.new(wall_time: 1.5, memory_peak: 10), usage
    assert_equal usage.hash, Kobako::Usage.new(wall_time: 1.5, memory_peak: 10).hash
    refute_equal Kobako::Usage.new(wall_time: 1.5, memory_peak: 11), usage
    refute_equal usage.to_h, usage
  end

  def test_zero
    assert_equal Kobako::Usage.new, Kobako::Usage::ZERO
    assert_in_delta 0.0, Kobako::Usage::ZERO.wall_time
    assert_kind_of Float, Kobako::Usage::ZERO.wall_time
    assert_equal 0, Kobako::Usage::ZERO.memory_peak
    assert_predicate Kobako::Usage::ZERO, :frozen?
  end

  def test_b35_before_the_first_invocation
    assert_equal Kobako::Usage::ZERO, sandbox.usage
  end

  def test_b35_after_success
    sb = sandbox
    sb.eval("1 + 1")
    assert_usage(sb)
  end

  def test_b35_after_a_guest_error
    sb = sandbox
    assert_raises(Kobako::SandboxError) { sb.eval("raise 'x'") }
    assert_usage(sb)
  end

  def test_b35_after_a_syntax_error
    sb = sandbox
    assert_raises(Kobako::SandboxError) { sb.eval("def (") }
    assert_usage(sb)
  end

  def test_b35_after_a_timeout
    sb = sandbox(timeout: 0.2)
    time = elapsed { assert_raises(Kobako::TimeoutError) { sb.eval("loop {}") } }
    assert_usage(sb)
    assert_operator sb.usage.wall_time, :>=, 0.15
    assert_operator sb.usage.wall_time, :<=, time
  end

  def test_b35_after_a_memory_trap
    sb = sandbox(memory_limit: 2 * MIB)
    assert_raises(Kobako::MemoryLimitError) { sb.eval('s = "x"; loop { s += s }') }
    assert_usage(sb)
    assert_operator sb.usage.memory_peak, :>, 0
    assert_operator sb.usage.memory_peak, :<=, 2 * MIB
  end

  def test_b35_after_an_unrepresentable_result
    sb = sandbox
    assert_raises(Kobako::SandboxError) { sb.eval("Object.new") }
    assert_usage(sb)
  end

  def test_b35_wall_time_tracks_guest_time
    sb = sandbox(timeout: nil)
    time = elapsed { sb.eval("i = 0; i += 1 while i < 3_000_000") }
    assert_operator sb.usage.wall_time, :<=, time
    assert_operator sb.usage.wall_time, :>=, time / 4, "wall_time #{sb.usage.wall_time}s vs #{time}s measured"
  end

  def test_b35_each_invocation_replaces_usage
    sb = sandbox(memory_limit: 32 * MIB)
    sb.eval("('x' * (8 * 1024 * 1024)).size")
    big = sb.usage
    sb.eval("1")
    refute_same big, sb.usage
    assert_operator sb.usage.memory_peak, :<, big.memory_peak
  end

  private

  def assert_usage(box)
    usage = box.usage
    assert_kind_of Kobako::Usage, usage
    assert_predicate usage, :frozen?
    assert_kind_of Float, usage.wall_time
    assert_operator usage.wall_time, :>, 0.0
    assert_kind_of Integer, usage.memory_peak
    assert_operator usage.memory_peak, :>=, 0
  end
end
