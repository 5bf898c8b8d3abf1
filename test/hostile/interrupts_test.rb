# frozen_string_literal: true

require_relative "hostile_helper"
require "timeout"

# Thread#raise, Thread#kill and Timeout.timeout arriving while a Service call
# runs, or while the guest runs a block a Service yielded to, end the
# invocation and reach the caller unchanged: the script cannot rescue them
# and keep going.
class HostileInterruptsTest < HostileTest
  # A slow Service that says when it has been entered.
  class Tick
    def initialize(entered)
      @entered = entered
    end

    def call
      @entered << :in
      sleep 0.05
      :tick
    end
  end

  # Yields to the guest's block.
  class Iter
    def initialize(entered)
      @entered = entered
    end

    def each
      @entered << :in
      yield 1
      :done
    end
  end

  # A Rack-timeout style watchdog's exception (a StandardError).
  class Watchdog < StandardError; end

  SCRIPTS = {
    service: "loop { begin; S::Tick.call; rescue Kobako::ServiceError; end }",
    block: "S::Iter.each { loop {} }",
    block_service: "S::Iter.each { loop { begin; S::Tick.call; rescue Kobako::ServiceError; end } }",
    rescue_everything: "loop { begin; S::Tick.call; rescue Exception; end }"
  }.freeze

  def setup
    @entered = Queue.new
    @sb = hostile_sandbox({ S: { Tick: Tick.new(@entered), Iter: Iter.new(@entered) } }, timeout: 20)
  end

  # Runs `script` on a thread and, once a Service was entered, interrupts it.
  def interrupted(script)
    Hostile.count
    thread = Thread.new do
      Thread.current.report_on_exception = false
      @sb.eval(script)
    end
    @entered.pop
    sleep 0.1 # let the guest get back into its loop or block
    yield thread
  end

  SCRIPTS.each do |where, script|
    define_method("test_thread_raise_during_#{where}_reaches_the_caller") do
      interrupted(script) do |thread|
        thread.raise(Watchdog, "request timed out")
        error = assert_raises(Watchdog) { thread.value }
        assert_equal "request timed out", error.message
      end
      assert_contained(@sb, nil)
    end

    define_method("test_the_exception_object_raised_during_#{where}_is_the_one_the_caller_gets") do
      watchdog = Watchdog.new("deadline")
      interrupted(script) do |thread|
        thread.raise(watchdog)
        assert_same watchdog, assert_raises(Watchdog) { thread.value }
      end
      assert_contained(@sb, nil)
    end

    define_method("test_thread_raise_of_a_runtime_error_during_#{where}_reaches_the_caller") do
      interrupted(script) do |thread|
        thread.raise("watchdog")
        error = assert_raises(RuntimeError) { thread.value }
        assert_equal "watchdog", error.message
      end
      assert_contained(@sb, nil)
    end

    define_method("test_thread_kill_during_#{where}_ends_the_invocation") do
      interrupted(script) do |thread|
        thread.kill
        assert thread.join(10), "the killed thread did not end"
        refute thread.alive?
      end
      assert_contained(@sb, nil)
    end

    define_method("test_timeout_during_#{where}_reaches_the_caller") do
      Hostile.count
      assert_raises(Timeout::Error) { Timeout.timeout(0.3) { @sb.eval(script) } }
      assert_contained(@sb, nil)
    end
  end
end
