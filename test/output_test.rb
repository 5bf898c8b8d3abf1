# frozen_string_literal: true

require "test_helper"

# B-04 (docs/behaviours.md §2.6): stdout / stderr capture, limits and truncation flags.
class OutputTest < KobakoTest
  def setup
    @sb = sandbox
  end

  def test_b04_stdout_writers
    @sb.eval(<<~'RUBY')
      puts "puts"
      print "print", "\n"
      p :p
      p 1, "two"
      printf("%05.1f|%s\n", 3.14159, :x)
      $stdout.puts "gvar"
      STDOUT.print "const\n"
      $stdout.write("write\n")
      $stdout << "shovel" << "\n"
      puts [1, [2, 3]]
      puts
    RUBY
    assert_equal "puts\nprint\n:p\n1\n\"two\"\n003.1|x\ngvar\nconst\nwrite\nshovel\n1\n2\n3\n\n", @sb.stdout
    assert_equal "", @sb.stderr
  end

  def test_b04_stderr_writers
    @sb.eval(<<~'RUBY')
      warn "warn"
      $stderr.puts "gvar"
      STDERR.print "const\n"
      $stderr.write("write\n")
    RUBY
    assert_equal "warn\ngvar\nconst\nwrite\n", @sb.stderr
    assert_equal "", @sb.stdout
  end

  def test_b04_reassigning_stdout
    @sb.eval('$stdout = STDERR; puts "moved"')
    assert_equal "", @sb.stdout
    assert_equal "moved\n", @sb.stderr
  end

  def test_b04_p_returns_its_argument
    assert_equal 5, @sb.eval("p 5")
    assert_equal [1, 2], @sb.eval("p 1, 2")
    assert_nil @sb.eval("puts 'x'")
  end

  def test_b04_output_is_utf8_and_unscrubbed
    @sb.eval('print "é✓"; print "\xff".b')
    assert_equal Encoding::UTF_8, @sb.stdout.encoding
    assert_equal "é✓\xff".b, @sb.stdout.b
    assert_equal Encoding::UTF_8, @sb.stderr.encoding
  end

  def test_b04_buffers_reset_at_each_invocation
    @sb.eval('puts "one"; warn "err"')
    assert_equal "one\n", @sb.stdout
    @sb.eval("1")
    assert_equal "", @sb.stdout
    assert_equal "", @sb.stderr
  end

  def test_b04_truncation_flags
    sb = sandbox(stdout_limit: 10, stderr_limit: 4)
    sb.eval("print 'x' * 10; $stderr.print 'y' * 4")
    assert_equal "x" * 10, sb.stdout
    assert_equal "y" * 4, sb.stderr
    refute sb.stdout_truncated?, "exactly the limit is not truncation"
    refute sb.stderr_truncated?

    sb.eval("print 'x' * 11; $stderr.print 'y' * 100")
    assert_equal "x" * 10, sb.stdout
    assert_equal "y" * 4, sb.stderr
    assert_predicate sb, :stdout_truncated?
    assert_predicate sb, :stderr_truncated?

    sb.eval("nil")
    refute sb.stdout_truncated?
    refute sb.stderr_truncated?
  end

  def test_b04_truncation_across_many_writes
    sb = sandbox(stdout_limit: 5)
    assert_equal :done, sb.eval("10.times { |i| print i }; :done")
    assert_equal "01234", sb.stdout
    assert_predicate sb, :stdout_truncated?
  end

  def test_b04_huge_output_is_clipped_not_raised
    sb = sandbox(memory_limit: 64 * MIB)
    assert_equal :ok, sb.eval("print 'z' * (5 * 1024 * 1024); $stderr.print 'e' * (3 * 1024 * 1024); :ok")
    assert_equal 1 << 20, sb.stdout.bytesize
    assert_equal 1 << 20, sb.stderr.bytesize
    assert_predicate sb, :stdout_truncated?
    assert_predicate sb, :stderr_truncated?
  end

  def test_b04_unbounded_output
    sb = sandbox(stdout_limit: nil, memory_limit: 64 * MIB)
    sb.eval("print 'z' * (3 * 1024 * 1024)")
    assert_equal 3 * MIB, sb.stdout.bytesize
    refute sb.stdout_truncated?
  end

  def test_b04_output_is_kept_when_the_guest_raises
    assert_raises(Kobako::SandboxError) { @sb.eval('puts "before"; warn "oops"; raise "boom"') }
    assert_equal "before\n", @sb.stdout
    assert_equal "oops\n", @sb.stderr
  end

  def test_b04_output_is_kept_on_timeout
    sb = sandbox(timeout: 0.2)
    assert_raises(Kobako::TimeoutError) { sb.eval('puts "start"; loop {}') }
    assert_equal "start\n", sb.stdout
  end

  def test_b04_output_is_kept_on_memory_trap
    sb = sandbox(memory_limit: 2 * MIB)
    assert_raises(Kobako::MemoryLimitError) { sb.eval('puts "pre"; s = "x"; loop { s += s }') }
    assert_equal "pre\n", sb.stdout
  end

  def test_b04_output_of_a_failed_source_does_not_leak_previous_output
    @sb.eval('puts "old"')
    assert_raises(Kobako::SandboxError) { @sb.eval("def (") }
    assert_equal "", @sb.stdout
  end
end
