# frozen_string_literal: true

require "test_helper"
require "timeout"

# docs/behaviours.md §4 "Threads" and "Fork".
class ConcurrencyTest < KobakoTest
  BUSY = "i = 0; i += 1 while i < %d; i"

  def test_invocations_on_one_sandbox_are_serialized
    sb = sandbox
    results = Array.new(4) do |t|
      Thread.new { Array.new(5) { |i| sb.eval("#{t} * 100 + #{i}") } }
    end.map(&:value)
    assert_equal Array.new(4) { |t| Array.new(5) { |i| (t * 100) + i } }, results
  end

  def test_many_sandboxes_in_many_threads
    results = Array.new(4) { |t| Thread.new { sandbox.eval("[#{t}, :ok]") } }.map(&:value)
    assert_equal Array.new(4) { |t| [t, :ok] }, results
  end

  def test_gvl_hold_works
    sb = sandbox(gvl: :hold)
    assert_equal 3, sb.eval("1 + 2")
    assert_raises(Kobako::TimeoutError) { sandbox(gvl: :hold, timeout: 0.2).eval("loop {}") }
  end

  # With gvl: :release the guest runs without the GVL: other Ruby threads run.
  def test_gvl_release_lets_ruby_threads_run
    sb = sandbox(timeout: nil, gvl: :release)
    ticks = 0
    ticker = Thread.new do
      loop do
        ticks += 1
        sleep 0.01
      end
    end
    sb.eval(format(BUSY, 20_000_000))
    ticker.kill.join
    assert_operator ticks, :>, 5, "a Ruby thread got #{ticks} ticks while the guest ran"
  end

  def test_thread_kill_interrupts_a_running_guest
    sb = sandbox(timeout: nil)
    started = Queue.new
    thread = Thread.new do
      started << true
      sb.eval("loop {}")
    end
    started.pop
    sleep 0.2
    time = elapsed { thread.kill.join(5) }
    refute_predicate thread, :alive?
    assert_operator time, :<, 1.0, "Thread#kill took #{time}s"
    assert_usable sb
  end

  def test_thread_raise_interrupts_a_running_guest
    sb = sandbox(timeout: nil)
    thread = Thread.new { sb.eval("loop {}") }
    thread.report_on_exception = false
    sleep 0.2
    thread.raise(ArgumentError, "stop")
    error = assert_raises(ArgumentError) { thread.join(5) }
    assert_equal "stop", error.message
    assert_usable sb
  end

  def test_timeout_timeout_interrupts_a_running_guest
    sb = sandbox(timeout: nil)
    time = elapsed { assert_raises(Timeout::Error) { Timeout.timeout(0.3) { sb.eval("loop {}") } } }
    assert_operator time, :<, 2.0
    assert_usable sb
  end

  def test_fork_after_loading
    sb = sandbox(timeout: 0.3)
    assert_usable sb
    reader, writer = IO.pipe
    pid = fork do
      reader.close
      ok = sb.eval("1 + 1") == 2 && fresh_sandbox_works?
      begin
        sb.eval("loop {}")
      rescue Kobako::TimeoutError
        writer.write(ok ? "ok" : "bad result")
      end
      writer.close
      exit!(0)
    end
    writer.close
    status = wait_child(pid, 20)
    assert_equal "ok", reader.read
    assert_predicate status, :success?
  ensure
    reader&.close
  end

  # Instances come from a fixed pool of slots (docs/native.md). Past it, an
  # invocation fails with a TrapError that says so; nothing hangs, and every
  # sandbox works once guests finish.
  def test_more_guests_at_once_than_pool_slots_is_a_clear_trap
    slots = 512
    gate = Queue.new
    inside = Queue.new
    door = Object.new
    door.define_singleton_method(:wait) do
      inside << true
      gate.pop
    end
    boxes = Array.new(slots + 1) { sandbox.tap { |box| box.define(:Door).bind(:Gate, door) } }
    threads = boxes.map do |box|
      Thread.new do
        box.eval("Door::Gate.wait")
      rescue Kobako::TrapError => e
        inside << true
        e
      end
    end
    (slots + 1).times { inside.pop }
    (slots + 1).times { gate << :done }
    failures = threads.map(&:value).grep(Kobako::TrapError)
    assert_equal 1, failures.size
    assert_match(/more than #{slots} guests are running at once/, failures[0].message)
    boxes.each { |box| assert_usable box }
  end

  private

  def fresh_sandbox_works?
    Kobako::Sandbox.new(timeout: 0.3).eval("[1, 2]") == [1, 2]
  end

  def wait_child(pid, seconds)
    deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + seconds
    loop do
      _, status = Process.waitpid2(pid, Process::WNOHANG)
      return status if status

      if Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
        Process.kill(:KILL, pid)
        Process.waitpid(pid)
        flunk "forked child hung for #{seconds}s"
      end
      sleep 0.05
    end
  end
end
