# frozen_string_literal: true

require "test_helper"

# The guest buffers stdout/stderr (64 KiB per channel) and the host reads what
# is pending out of guest memory after every run and before every Service call
# and yield reply (docs/native.md, "Output"): nothing printed is lost, whatever
# stops the script, and limits stay exact.
class OutputBufferingTest < KobakoTest
  # A host object that logs every call, so the tests see host-side effects.
  class Recorder
    attr_reader :log

    def initialize = @log = []

    def note(value)
      @log << value
      value.to_s.upcase
    end

    def each(count)
      count.times do |i|
        @log << [:yield, i]
        @log << [:reply, yield(i)]
      end
      count
    end

    def stall(seconds)
      sleep(seconds)
      nil
    end
  end

  def recorded_sandbox(**options)
    recorder = Recorder.new
    sb = sandbox(**options)
    sb.define(:Host).bind(:Rec, recorder)
    [sb, recorder]
  end

  def test_output_before_a_timeout_is_kept_in_full
    sb = sandbox(timeout: 0.3)
    assert_raises(Kobako::TimeoutError) { sb.eval('puts "before"; $stderr.print "err"; loop {}') }
    assert_equal "before\n", sb.stdout
    assert_equal "err", sb.stderr
    assert_usable sb
  end

  def test_output_before_a_timeout_inside_a_service_call_is_kept
    sb, = recorded_sandbox(timeout: 0.3)
    assert_raises(Kobako::TimeoutError) { sb.eval('puts "waiting"; Host::Rec.stall(1); puts "never"') }
    assert_equal "waiting\n", sb.stdout
  end

  def test_output_before_a_memory_limit_is_kept_in_full
    sb = sandbox(memory_limit: 2 * MIB)
    source = '3.times { |i| print "line ", i, "\n" }; s = "x"; loop { s += s }'
    assert_raises(Kobako::MemoryLimitError) { sb.eval(source) }
    assert_equal "line 0\nline 1\nline 2\n", sb.stdout
    assert_usable sb
  end

  def test_output_before_a_stack_overflow_is_kept_in_full
    sb = sandbox(memory_limit: 64 * MIB)
    assert_raises(Kobako::SandboxError, Kobako::TrapError) do
      sb.eval('print "deep"; warn "down"; def f(n); f(n + 1); end; f(0)')
    end
    assert_equal "deep", sb.stdout
    assert_equal "down\n", sb.stderr
  end

  def test_output_before_a_raised_error_is_kept_in_full
    sb = sandbox
    assert_sandbox_error(sb, 'puts "one"; $stdout.write("two"); raise ArgumentError, "boom"', klass: "ArgumentError")
    assert_equal "one\ntwo", sb.stdout
  end

  def test_output_before_exit_is_kept
    sb = sandbox
    assert_raises(Kobako::Error) { sb.eval('puts "bye"; exit 3') }
    assert_equal "bye\n", sb.stdout
  end

  def test_service_calls_and_yields_keep_the_order_of_the_script
    sb, recorder = recorded_sandbox
    sb.eval(<<~RUBY)
      puts "start"
      puts Host::Rec.note("a")
      Host::Rec.each(2) { |i| puts "block \#{i}"; i * 10 }
      $stderr.puts "side"
      puts Host::Rec.note("b")
    RUBY
    assert_equal "start\nA\nblock 0\nblock 1\nB\n", sb.stdout
    assert_equal "side\n", sb.stderr
    assert_equal ["a", [:yield, 0], [:reply, 0], [:yield, 1], [:reply, 10], "b"], recorder.log
  end

  def test_output_larger_than_the_buffer_is_complete
    sb = sandbox(stdout_limit: 16 * MIB, memory_limit: 64 * MIB)
    sb.eval('line = "x" * 39; i = 0; while i < 100_000; puts line; i += 1; end; $stdout.write("y" * 200_000)')
    assert_equal ("#{'x' * 39}\n" * 100_000) + ("y" * 200_000), sb.stdout
    refute_predicate sb, :stdout_truncated?
  end

  def test_limits_stay_exact_across_the_buffer
    sb = sandbox(stdout_limit: 100_001, stderr_limit: 7)
    sb.eval('50_000.times { |i| print "ab" }; warn "123456789"')
    assert_equal "ab" * 50_000, sb.stdout
    refute_predicate sb, :stdout_truncated?
    assert_equal "1234567", sb.stderr
    assert_predicate sb, :stderr_truncated?

    sb.eval('50_001.times { print "ab" }')
    assert_equal "#{'ab' * 50_000}a", sb.stdout
    assert_predicate sb, :stdout_truncated?
  end

  def test_limit_is_exact_when_a_trap_follows
    sb = sandbox(stdout_limit: 5, timeout: 0.3)
    assert_raises(Kobako::TimeoutError) { sb.eval('puts "123456789"; loop {}') }
    assert_equal "12345", sb.stdout
    assert_predicate sb, :stdout_truncated?
  end

  def test_flush_and_sync_still_answer_as_io_does
    sb = sandbox
    assert_equal [true, true], sb.eval('print "a"; r = [$stdout.flush.equal?($stdout), $stdout.sync]; print "b"; r')
    assert_equal "ab", sb.stdout
  end

  def test_puts_fast_path_matches_io_puts
    sb = sandbox
    sb.eval('puts; puts ""; puts "a\n"; puts "b", "c"; puts nil; puts ["d", ["e"]], 1; $stdout.puts("f")')
    assert_equal "\n\na\nb\nc\n\nd\ne\n1\nf\n", sb.stdout
  end
end
