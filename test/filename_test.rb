# frozen_string_literal: true

require_relative "test_helper"
require "open3"

# `eval(code, filename:)`: the name travels to the guest in the eval frame and
# shows in messages, backtraces and __FILE__; an uncaught SandboxError's Ruby
# backtrace starts with the script's frames, then the host's.
class FilenameTest < KobakoTest
  SCRIPT = <<~RUBY
    def check(order)
      raise ArgumentError, "bad order \#{order}" if order < 0
    end
    check(-1)
  RUBY

  def test_the_script_frames_name_the_file
    error = assert_raises(Kobako::SandboxError) { sandbox.eval(SCRIPT, filename: "tool.rb") }
    assert_equal "ArgumentError: bad order -1", error.message
    assert_equal ["tool.rb:2:in check", "tool.rb:4"], error.backtrace_lines
  end

  def test_the_ruby_backtrace_starts_with_the_guest_frames_then_the_host_ones
    line = __LINE__ + 1
    error = assert_raises(Kobako::SandboxError) { sandbox.eval(SCRIPT, filename: "tool.rb") }
    assert_equal ["tool.rb:2:in check", "tool.rb:4"], error.backtrace.first(2)
    host = error.backtrace.drop(2)
    assert(host.any? { |l| l.include?("lib/kobako/sandbox.rb") }, host.inspect)
    assert(host.any? { |l| l.start_with?("#{__FILE__}:#{line}:") }, "the caller's frame is kept: #{host.inspect}")
  end

  def test_an_uncaught_error_reports_the_script_line_first
    script = "Kobako::Sandbox.new.eval(%(1\\n2\\nraise %q(nope)), filename: %(job.rb))"
    _out, err, status = Open3.capture3(Gem.ruby, "-I", File.join(ROOT, "lib"), "-rkobako", "-e", script)
    refute_predicate status, :success?
    assert_match(/\Ajob\.rb:3: RuntimeError: nope \(Kobako::SandboxError\)/, err)
  end

  def test_syntax_errors_give_file_line_and_column
    error = assert_raises(Kobako::SandboxError) { sandbox.eval("x = 1\ny = (2 +\n", filename: "calc.rb") }
    assert_equal "SyntaxError", error.klass
    assert_match(/\ASyntaxError: calc\.rb:3:\d+: /, error.message)
    assert_equal "calc.rb:3", error.backtrace.first
  end

  def test_file_is_visible_to_the_script_and_defaults_to_eval
    box = sandbox
    assert_equal "report.rb", box.eval("__FILE__", filename: "report.rb")
    assert_equal "(eval)", box.eval("__FILE__"), "the name does not leak into the next invocation"
    error = assert_raises(Kobako::SandboxError) { box.eval("raise 'x'") }
    assert_equal ["(eval):1"], error.backtrace_lines
  end

  def test_blocks_and_methods_defined_in_the_script_carry_the_name
    error = assert_raises(Kobako::SandboxError) do
      sandbox.eval("[1, 2].each do |n|\n  n.fetch\nend", filename: "loop.rb")
    end
    assert_equal "NoMethodError", error.klass
    assert(error.backtrace_lines.all? { |l| l.start_with?("loop.rb:") }, error.backtrace_lines.inspect)
  end

  def test_preloaded_snippets_keep_their_own_names
    box = sandbox.preload(code: "module Calc\n  def self.call(x) = raise(x)\nend", name: "Calc")
    error = assert_raises(Kobako::SandboxError) { box.eval("Calc.call('boom')", filename: "main.rb") }
    assert_equal "(snippet:Calc):2:in call", error.backtrace_lines.first
    assert_equal "main.rb:1", error.backtrace_lines.last
  end

  def test_unicode_names_are_accepted
    assert_equal "отчёт.rb", sandbox.eval("__FILE__", filename: "отчёт.rb")
  end

  def test_invalid_names_are_refused_before_any_guest_runs
    box = sandbox
    assert_raises(TypeError) { box.eval("1", filename: :tool) }
    assert_raises(TypeError) { box.eval("1", filename: 42) }
    ["", "a\0b", "two\nlines", "x" * 256, "\xFF".b].each do |bad|
      assert_raises(ArgumentError, bad.inspect) { box.eval("1", filename: bad) }
    end
    assert_equal "x" * 255, box.eval("__FILE__", filename: "x" * 255)
  end

  def test_pool_with_passes_the_name_through
    pool = Kobako::Pool.new(slots: 1)
    assert_equal("pooled.rb", pool.with { |box| box.eval("__FILE__", filename: "pooled.rb") })
    error = assert_raises(Kobako::SandboxError) { pool.with { |box| box.eval("raise 'p'", filename: "pooled.rb") } }
    assert_equal "pooled.rb:1", error.backtrace.first
  end
end
