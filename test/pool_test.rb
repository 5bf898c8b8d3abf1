# frozen_string_literal: true

require "test_helper"

# docs/behaviours.md §4, "Pool".
class PoolTest < KobakoTest
  def test_returns_the_block_value_and_builds_lazily
    setups = 0
    pool = Kobako::Pool.new(slots: 2) { |_sb| setups += 1 }
    assert_equal 0, pool.size, "nothing is built before the first checkout"
    assert_equal(3, pool.with { |sb| sb.eval("1 + 2") })
    assert_equal(3, pool.with { |sb| sb.eval("1 + 2") })
    assert_equal 1, pool.size
    assert_equal 1, setups, "setup runs once per Sandbox"
  end

  def test_setup_block_binds_services_and_options_are_forwarded
    pool = Kobako::Pool.new(slots: 1, timeout: 1.5, profile: :permissive) do |sb|
      sb.define(:Math2).bind(:Twice, ->(x) { x * 2 })
    end
    assert_equal(42, pool.with { |sb| sb.eval("Math2::Twice.call(21)") })
    pool.with do |sb|
      assert_in_delta 1.5, sb.timeout
      assert_equal :permissive, sb.profile
    end
  end

  def test_exclusive_checkout_under_contention
    pool = Kobako::Pool.new(slots: 2, checkout_timeout: nil)
    holders = {}.compare_by_identity
    lock = Mutex.new
    max_in_use = 0
    in_use = 0
    threads = Array.new(6) do |t|
      Thread.new do
        5.times do |i|
          pool.with do |sb|
            lock.synchronize do
              raise "Sandbox shared by two threads" if holders[sb]

              holders[sb] = true
              in_use += 1
              max_in_use = [max_in_use, in_use].max
            end
            value = sb.eval("#{t} * 10 + #{i}")
            lock.synchronize do
              holders.delete(sb)
              in_use -= 1
            end
            assert_equal (t * 10) + i, value
          end
        end
      end
    end
    threads.each(&:join)
    assert_operator max_in_use, :<=, 2
    assert_operator pool.size, :<=, 2
  end

  def test_two_holders_get_two_sandboxes
    pool = Kobako::Pool.new(slots: 2)
    inside = Queue.new
    release = Queue.new
    held = Array.new(2) do
      Thread.new do
        pool.with do |sb|
          inside << sb
          release.pop
        end
      end
    end
    first = inside.pop
    second = inside.pop
    refute_same first, second
    2.times { release << true }
    held.each(&:join)
    assert_equal 2, pool.idle
  end

  def test_trap_discards_the_sandbox
    setups = 0
    pool = Kobako::Pool.new(slots: 1, timeout: 0.2) { |_sb| setups += 1 }
    first = pool.with { |sb| sb }
    assert_raises(Kobako::TimeoutError) { pool.with { |sb| sb.eval("loop {}") } }
    assert_equal 0, pool.size
    second = pool.with { |sb| sb }
    refute_same first, second
    assert_equal 2, setups
  end

  def test_other_errors_keep_the_sandbox
    pool = Kobako::Pool.new(slots: 1)
    first = pool.with { |sb| sb }
    assert_raises(Kobako::SandboxError) { pool.with { |sb| sb.eval("raise 'x'") } }
    assert_same(first, pool.with { |sb| sb })
  end

  def test_checkout_timeout
    pool = Kobako::Pool.new(slots: 1, checkout_timeout: 0.05)
    holder, release = hold_the_only_sandbox(pool)
    error = assert_raises(Kobako::PoolTimeoutError) { pool.with { |_sb| :never } }
    assert_match(/no Sandbox free/, error.message)
    release << true
    holder.join
    assert_equal(:ok, pool.with { |_sb| :ok })
  end

  def test_nil_checkout_timeout_waits_for_a_checkin
    pool = Kobako::Pool.new(slots: 1, checkout_timeout: nil)
    holder, release = hold_the_only_sandbox(pool)
    waiter = Thread.new { pool.with { |sb| sb.eval(":waited") } }
    Thread.pass until waiter.status == "sleep"
    release << true
    assert_equal :waited, waiter.value
    holder.join
  end

  def test_failing_setup_frees_the_slot
    calls = 0
    pool = Kobako::Pool.new(slots: 1) { |_sb| (calls += 1) == 1 ? raise("setup failed") : nil }
    assert_raises(RuntimeError) { pool.with { |_sb| :x } }
    assert_equal(:x, pool.with { |_sb| :x })
  end

  def test_argument_validation
    assert_raises(ArgumentError) { Kobako::Pool.new(slots: 0) }
    assert_raises(ArgumentError) { Kobako::Pool.new(slots: 1.5) }
    assert_raises(ArgumentError) { Kobako::Pool.new(slots: 1, checkout_timeout: -1) }
    assert_raises(ArgumentError) { Kobako::Pool.new(slots: 1, bogus: 1) }
    assert_raises(ArgumentError) { Kobako::Pool.new(slots: 1, memory_limit: -5) }
    assert_raises(ArgumentError) { Kobako::Pool.new(slots: 1, profile: :open) }
    assert_raises(ArgumentError) { Kobako::Pool.new(slots: 1).with }
  end

  private

  # A thread that checks the Sandbox out and keeps it until `release << true`.
  def hold_the_only_sandbox(pool)
    inside = Queue.new
    release = Queue.new
    holder = Thread.new do
      pool.with do |_sb|
        inside << true
        release.pop
      end
    end
    inside.pop
    [holder, release]
  end
end
