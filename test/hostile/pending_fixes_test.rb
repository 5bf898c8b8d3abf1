# frozen_string_literal: true

require_relative "hostile_helper"

# DoS attempts whose fixes are being made elsewhere: each asserts the
# correct behaviour, so until those fixes are merged some of these fail on
# purpose (the report of the branch that added this file lists which).
class HostilePendingFixesTest < HostileTest
  # Echoes and yields.
  class Echo
    def echo(value) = value
    def each = yield(1)
    def missing_here = raise(KeyError, "nope")
  end

  def setup
    @sb = hostile_sandbox({ P: { Echo: Echo.new } }, timeout: 30)
  end

  # A million raise/rescue cycles are ordinary Ruby; they used to trap after
  # about 1,365.
  def test_a_million_raise_rescue_cycles_complete
    attempt_value(@sb, "1_000_000.times { begin; raise 'x'; rescue; end }; :ok", :ok)
  end

  # A script rescuing failing Service calls in a loop runs until its own cap.
  def test_rescued_service_errors_in_a_loop_hit_the_deadline
    sb = hostile_sandbox({ P: { Echo: Echo.new } }, timeout: 0.5)
    attempt(sb, "loop { begin; P::Echo.missing_here; rescue Kobako::ServiceError; end }",
            raises: Kobako::TimeoutError)
  end

  # A String past 4 GiB is a guest error the script can rescue, not a trap.
  def test_a_string_past_four_gib_is_a_rescuable_error
    attempt_value(@sb, 'begin; "x" * (2**32 + 1); :no; rescue ArgumentError, NoMemoryError, RangeError; :refused; end',
                  :refused)
  end

  # Garbage is collected before the memory limit refuses an allocation.
  def test_garbage_is_collected_before_the_memory_limit_refuses
    sb = hostile_sandbox({}, memory_limit: 1 << 20)
    attempt_value(sb, "200.times { 'x' * 200_000 }; :ok", :ok)
  end

  # A value as deep as an #eval result may be (Codec::MAX_DEPTH levels) can
  # also be a Service argument and come back: the request's own wrapping
  # does not count against the value.
  def test_nesting_depth_is_symmetric
    depth = Kobako::Codec::MAX_DEPTH
    attempt_value(@sb, "a = 1; #{depth}.times { a = [a] }; a.flatten", [1])
    attempt_value(@sb, "a = 1; #{depth}.times { a = [a] }; P::Echo.echo(a) == a", true)
  end

  # `return` inside a block a Service yielded to returns from the method
  # that wrote the block, as in CRuby.
  def test_return_in_a_yielded_block_returns_from_the_enclosing_method
    attempt_value(@sb, "def m; P::Echo.each { return 5 }; 0; end; m", 5)
  end

  # A MessagePack header declaring 4 billion elements is a malformed request,
  # not a NoMemoryError on the host. Asked in a forked child: a NoMemoryError
  # would end the whole test run.
  def test_a_declared_length_is_not_trusted
    Hostile.count
    transport = @sb.instance_variable_get(:@transport)
    @sb.eval("1")
    pid = fork do
      reply = Kobako::Codec.decode(transport.call("\xDD\xFF\xFF\xFF\xFF".b, nil))
      exit!(reply.first(2) == [1, "Kobako::ServiceError"] ? 0 : 1)
    rescue NoMemoryError
      exit!(2)
    end
    _, status = Process.wait2(pid)
    assert_equal 0, status.exitstatus, "1: another reply, 2: NoMemoryError on the host"
    assert_contained(@sb, nil)
  end
end
