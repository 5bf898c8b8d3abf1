# frozen_string_literal: true

require_relative "test_helper"

# docs/behaviours.md §2.3 and B-31: snippets are compiled once at #preload and replayed, in
# insertion order, into every fresh invocation.
class SnippetsTest < KobakoTest
  HELPERS = <<~RUBY
    module Text
      def self.shout(s) = s.upcase + "!"
    end
    def twice(x) = x * 2
  RUBY

  def test_preloaded_code_is_visible_to_eval_and_preload_chains
    box = sandbox
    assert_same box, box.preload(code: HELPERS, name: :Helpers)
    assert_equal "HI!", box.eval('Text.shout("hi")')
    assert_equal 42, box.eval("twice(21)")
  end

  def test_snippets_replay_in_insertion_order_and_may_use_earlier_ones
    box = sandbox
    box.preload(code: HELPERS, name: :Helpers)
    box.preload(code: "LOUD = Text.shout(twice('ab'))", name: :Derived)
    assert_equal "ABAB!", box.eval("LOUD")
  end

  def test_later_snippets_cannot_see_what_is_not_defined_yet
    box = sandbox.preload(code: "EARLY = Object.const_defined?(:LATE)", name: :Early)
    box.preload(code: "LATE = 1", name: :Late)
    assert_equal [false, 1], box.eval("[EARLY, LATE]")
  end

  def test_every_invocation_gets_a_fresh_replay
    box = sandbox.preload(code: "LOG = []\nputs 'replayed'", name: :State)
    assert_equal [1], box.eval("LOG << 1")
    assert_equal [2], box.eval("LOG << 2") # B-03: the first invocation's push is gone
    assert_equal "replayed\n", box.stdout
    box.eval("class String; def shout = 1; end")
    assert_equal false, box.eval('"x".respond_to?(:shout)')
  end

  def test_local_variables_do_not_leak_between_snippets_or_into_eval
    box = sandbox.preload(code: "secret = 1\nVISIBLE = 2", name: :Locals)
    assert_equal [:hidden, 2], box.eval("[(secret rescue :hidden), VISIBLE]")
  end

  def test_a_syntax_error_raises_from_preload_with_its_line
    box = sandbox
    error = assert_raises(Kobako::SandboxError) { box.preload(code: "x = 1\ndef broken(", name: :Broken) }
    assert_equal "SyntaxError", error.klass
    assert_match(/\(snippet:Broken\):2:\d+/, error.message)
    assert_equal ["(snippet:Broken):2"], error.backtrace_lines
    # Nothing was added and the name is still free.
    box.preload(code: "def fixed = :ok", name: :Broken)
    assert_equal :ok, box.eval("fixed")
  end

  def test_preload_does_not_touch_the_last_invocation_observations
    box = sandbox
    box.eval("puts 'before'")
    box.preload(code: "puts 'at preload'", name: :Quiet) rescue nil # rubocop:disable Style/RescueModifier
    assert_equal "before\n", box.stdout
  end

  def test_a_snippet_whose_top_level_raises_fails_every_invocation_with_its_frame
    box = sandbox.preload(code: HELPERS, name: :Helpers)
    box.preload(code: "x = 1\nraise ArgumentError, 'misconfigured'", name: :Fragile)
    2.times do
      error = assert_raises(Kobako::SandboxError) { box.eval("1") }
      assert_equal "ArgumentError", error.klass
      assert_equal "ArgumentError: misconfigured", error.message
      assert_includes error.backtrace_lines, "(snippet:Fragile):2"
    end
    error = assert_raises(Kobako::SandboxError) { box.run(:Anything) }
    assert_equal "ArgumentError", error.klass
  end

  def test_a_snippet_raising_through_an_earlier_snippet_shows_both_frames
    box = sandbox.preload(code: "def check!(x)\n  raise 'bad value' unless x\nend", name: :Checks)
    box.preload(code: "check!(nil)", name: :Config)
    error = assert_raises(Kobako::SandboxError) { box.eval("1") }
    assert_equal ["(snippet:Checks):2:in check!", "(snippet:Config):1"], error.backtrace_lines
  end

  def test_names_are_validated
    box = sandbox
    [nil, "lower", "A::B", "", 1, :"9x"].each do |name|
      assert_raises(ArgumentError, name.inspect) { box.preload(code: "1", name: name) }
    end
    box.preload(code: "1", name: "Fine")
    error = assert_raises(ArgumentError) { box.preload(code: "2", name: :Fine) }
    assert_match(/already preloaded/, error.message)
  end

  def test_forms_are_exclusive_and_typed
    box = sandbox
    assert_raises(ArgumentError) { box.preload(name: :Nothing) }
    assert_raises(ArgumentError) { box.preload(code: "1", binary: "RITE", name: :Both) }
    assert_raises(TypeError) { box.preload(code: 42, name: :NotSource) }
    assert_raises(TypeError) { box.preload(binary: 42) }
  end

  def test_preload_is_sealed_by_the_first_invocation_even_a_failing_one
    box = sandbox
    assert_raises(Kobako::SandboxError) { box.eval("raise 'first'") }
    error = assert_raises(ArgumentError) { box.preload(code: "1", name: :Late) }
    assert_match(/sealed/, error.message)
    other = sandbox
    assert_raises(Kobako::SandboxError) { other.run(:Missing) }
    assert_raises(ArgumentError) { other.preload(binary: Kobako::Bytecode.compile("1", name: "x")) }
  end

  def test_snippets_can_call_services_at_their_top_level
    box = sandbox
    box.define(:Config).bind(:Settings, { "rate" => 3 }.freeze)
    box.preload(code: 'RATE = Config::Settings.fetch("rate")', name: :Rates)
    assert_equal 6, box.eval("RATE * 2")
  end

  def test_caps_apply_to_replay
    box = sandbox(timeout: 0.2).preload(code: "loop {}", name: :Spin)
    error = assert_raises(Kobako::TimeoutError) { box.eval("1") }
    assert_match(/\ASandbox#eval failed: /, error.message)
    tight = sandbox(memory_limit: 2 * MIB).preload(code: "BIG = 'x' * (8 * 1024 * 1024)", name: :Big)
    assert_raises(Kobako::MemoryLimitError) { tight.eval("BIG.size") }
  end

  def test_large_snippets_compile_beyond_the_sandbox_memory_limit
    source = (1..3000).map { |i| "def helper_#{i}(x) = x + #{i}" }.join("\n")
    box = sandbox(memory_limit: 4 * MIB).preload(code: source, name: :Many)
    assert_equal 3010, box.eval("helper_3000(10)")
  end
end
