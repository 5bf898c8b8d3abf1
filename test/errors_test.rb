# frozen_string_literal: true

require "test_helper"
require "timeout"

# docs/behaviours.md §2.8: the error hierarchy and how guest failures surface.
class ErrorsTest < KobakoTest
  def setup
    @sb = sandbox
  end

  def test_hierarchy
    {
      Kobako::Error => StandardError,
      Kobako::TrapError => Kobako::Error,
      Kobako::TimeoutError => Kobako::TrapError,
      Kobako::MemoryLimitError => Kobako::TrapError,
      Kobako::SandboxError => Kobako::Error,
      Kobako::HandlerExhaustedError => Kobako::SandboxError,
      Kobako::BytecodeError => Kobako::SandboxError,
      Kobako::ServiceError => Kobako::Error,
      Kobako::SetupError => Kobako::Error,
      Kobako::ModuleNotBuiltError => Kobako::SetupError,
      Kobako::PoolTimeoutError => Kobako::Error
    }.each do |klass, parent|
      assert_equal parent, klass.superclass, "#{klass} < #{parent}"
    end
    refute_operator Kobako::TimeoutError, :<=, ::Timeout::Error if defined?(::Timeout::Error)
  end

  def test_remote_error_fields_and_defaults
    error = Kobako::SandboxError.new("m")
    assert_equal "m", error.message
    assert_equal "sandbox", error.origin
    assert_nil error.klass
    assert_equal [], error.backtrace_lines
    assert_nil error.details

    error = Kobako::ServiceError.new("x", klass: "KeyError", backtrace_lines: ["a:1"], details: { "k" => 1 })
    assert_equal "service", error.origin
    assert_equal "KeyError", error.klass
    assert_equal ["a:1"], error.backtrace_lines
    assert_predicate error.backtrace_lines, :frozen?
    assert_equal({ "k" => 1 }, error.details)
  end

  def test_syntax_error
    error = assert_sandbox_error(@sb, "def (", klass: "SyntaxError")
    assert_equal "sandbox", error.origin
    assert_match(/\ASyntaxError: /, error.message)
    assert_usable @sb
  end

  def test_uncaught_raise_carries_class_message_and_backtrace
    error = assert_sandbox_error(@sb, <<~RUBY, klass: "ArgumentError")
      def inner
        raise ArgumentError, "bad input"
      end

      def outer
        inner
      end

      outer
    RUBY
    assert_equal "ArgumentError: bad input", error.message
    assert_equal "sandbox", error.origin
    assert_kind_of Array, error.backtrace_lines
    refute_empty error.backtrace_lines
    assert(error.backtrace_lines.all?(String))
    assert(error.backtrace_lines.any? { |line| line.include?("(eval)") }, error.backtrace_lines.inspect)
    assert_usable @sb
  end

  def test_backtrace_names_eval_and_line
    error = assert_sandbox_error(@sb, "x = 1\n\nraise 'third line'")
    assert_match(/\(eval\):3/, error.backtrace_lines.first)
  end

  def test_various_guest_exception_classes
    {
      "raise 'plain'" => "RuntimeError",
      "nil.nope" => "NoMethodError",
      "1 / 0" => "ZeroDivisionError",
      "UndefinedConstant" => "NameError",
      "undefined_local_or_method" => "NoMethodError", # mruby's answer (CRuby says NameError)
      "Integer('zz')" => "ArgumentError",
      "class MyError < StandardError; end; raise MyError, 'mine'" => "MyError",
      "module Deep; class Err < StandardError; end; end; raise Deep::Err" => "Deep::Err",
      "raise Exception, 'base'" => "Exception",
      "[].fetch(3)" => "IndexError",
      "{}.fetch(:k)" => "KeyError"
    }.each do |src, klass|
      assert_sandbox_error(@sb, src, klass: klass)
      assert_usable @sb
    end
  end

  def test_rescued_exceptions_stay_in_the_guest
    assert_equal "caught: boom", @sb.eval("begin; raise 'boom'; rescue => e; 'caught: ' + e.message; end")
  end

  def test_sandbox_errors_are_kobako_errors
    error = assert_raises(Kobako::Error) { @sb.eval("raise 'x'") }
    assert_kind_of Kobako::SandboxError, error
    assert_kind_of StandardError, error
  end

  def test_non_string_source_is_a_type_error_before_anything_runs
    [nil, 42, :code, ["1"], Object.new].each do |bad|
      assert_raises(TypeError) { @sb.eval(bad) }
    end
    assert_equal Kobako::Usage::ZERO, @sb.usage, "nothing ran"
    assert_usable @sb
  end

  def test_source_encodings
    assert_equal 3, @sb.eval("1 + 2".b)
    assert_equal "é", @sb.eval('"é"'.encode("ISO-8859-1"))
    assert_equal "日本", @sb.eval('"日本"'.encode("Shift_JIS"))
    assert_raises(ArgumentError) { @sb.eval("\"\xff\"") }
    assert_usable @sb
  end

  def test_source_over_16_mib_is_refused_before_running
    error = assert_raises(Kobako::SandboxError) { @sb.eval("#" * (17 * MIB)) }
    assert_match(/16 MiB/, error.message)
    assert_usable @sb
  end

  def test_exception_raised_with_non_string_message
    error = assert_sandbox_error(@sb, "raise ArgumentError", klass: "ArgumentError")
    assert_match(/ArgumentError/, error.message)
  end

  def test_exception_with_multibyte_message
    error = assert_sandbox_error(@sb, "raise '失敗 ✗'", klass: "RuntimeError")
    assert_equal "RuntimeError: 失敗 ✗", error.message
    assert_equal Encoding::UTF_8, error.message.encoding
  end

  # A script's exception may answer #backtrace with anything, collect garbage
  # on the way, or raise from #message and #backtrace: the host still gets
  # the class, a message and no frames, and the Sandbox stays usable.
  def test_an_exception_with_an_odd_backtrace_or_message
    error = assert_sandbox_error(@sb, <<~RUBY, klass: "E", message: /\AE: odd\z/)
      class E < StandardError; def backtrace; GC.start; 42; end; end
      raise E, "odd"
    RUBY
    assert_empty error.backtrace_lines
    error = assert_sandbox_error(@sb, <<~RUBY, klass: "F")
      class F < StandardError; def backtrace = raise("no"); def message = raise("nope"); end
      raise F
    RUBY
    assert_empty error.backtrace_lines
    assert_usable(@sb)
  end
end
