# frozen_string_literal: true

require_relative "hostile_helper"

# Denial of service against the host: loops, recursion, memory and output
# bombs, deep values, exception storms, slow Services, Handle floods. Each
# ends in a typed error within the caps, and the Sandbox stays usable.
class HostileDosTest < HostileTest
  # Services a script can lean on.
  class Slow
    def nap = sleep(0.6).then { :rested }
    def echo(value) = value
    def big = "x" * (20 * 1024 * 1024)
    def object = Object.new
    def deep = (1..200).reduce([]) { |inner, _| [inner] }

    def each_forever
      loop { yield 1 }
    end
  end

  def setup
    @sb = hostile_sandbox({ D: { Slow: Slow.new } }, timeout: 0.4, stdout_limit: 4096)
  end

  def test_cpu_loops_time_out
    ["loop {}", "while true; end", "i = 0; i += 1 until false", "def f; loop { f2 }; end; def f2; end; f",
     "(1..Float::INFINITY).each {}"].each do |source|
      attempt(@sb, source, raises: Kobako::TimeoutError)
    end
  end

  def test_recursion_ends_in_a_typed_error
    ["def f(n) = f(n + 1); f(0)", "h = Hash.new { |hash, k| hash[k + 1] }; h[0]",
     "def g; [1].each { g }; end; g"].each do |source|
      Hostile.count
      error = assert_raises(Kobako::SandboxError, Kobako::TrapError, source) { @sb.eval(source) }
      assert_contained(@sb, error)
    end
  end

  def test_memory_bombs_hit_the_memory_limit
    ['"x" * 10_000_000', "Array.new(10_000_000, 1)", "a = []; loop { a << 'x' * 1000 }",
     "h = {}; 10_000_000.times { |i| h[i] = i }", '"x" * 100 * 100 * 100 * 100'].each do |source|
      Hostile.count
      error = assert_raises(Kobako::MemoryLimitError, Kobako::TimeoutError, source) { @sb.eval(source) }
      assert_contained(@sb, error)
    end
  end

  def test_output_bombs_are_truncated
    ['loop { print "x" * 1000 }', 'loop { $stderr.puts "y" * 1000 }', 'loop { p "z" * 100 }'].each do |source|
      attempt(@sb, source, raises: Kobako::TimeoutError)
    end
    Hostile.count
    sb = hostile_sandbox({}, timeout: 10, stdout_limit: 4096)
    sb.eval('100.times { print "x" * 100 }; :done')
    assert_predicate sb, :stdout_truncated?
    assert_operator sb.stdout.bytesize, :<=, 4096
    assert_contained(sb, nil)
  end

  def test_deep_values_are_refused_at_the_boundary
    attempt(@sb, "a = []; 300.times { a = [a] }; a", raises: Kobako::SandboxError)
    attempt(@sb, "a = []; 300.times { a = [a] }; D::Slow.echo(a)", raises: Kobako::SandboxError)
    attempt(@sb, "D::Slow.deep", klass: "Kobako::ServiceError")
    attempt(@sb, "h = {}; 300.times { h = { k: h } }; D::Slow.echo(h)", raises: Kobako::SandboxError)
  end

  def test_exception_storms_end_within_the_caps
    # A roomy deadline: these must finish, however loaded the machine is.
    roomy = hostile_sandbox({ D: { Slow: Slow.new } }, timeout: 30)
    attempt_value(roomy, "1000.times { begin; raise ArgumentError, 'x'; rescue; end }; :ok", :ok)
    attempt_value(roomy, "200.times { begin; D::Slow.missing; rescue Kobako::ServiceError; end }; :ok", :ok)
  end

  def test_slow_services_count_against_the_deadline
    attempt(@sb, "D::Slow.nap", raises: Kobako::TimeoutError)
    attempt(@sb, "D::Slow.each_forever { }", raises: Kobako::TimeoutError)
  end

  def test_oversized_results_and_handle_floods
    attempt(@sb, "D::Slow.big", raises: Kobako::Error)
    @sb.catalog.handle_limit = 50
    attempt(@sb, "loop { D::Slow.object }", raises: Kobako::HandlerExhaustedError)
  end

  def test_oversized_source_is_refused_before_anything_runs
    Hostile.count
    assert_raises(Kobako::Codec::Error) { @sb.eval("#" * (17 * 1024 * 1024)) }
    assert_contained(@sb, nil)
  end
end
