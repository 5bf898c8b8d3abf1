# frozen_string_literal: true

require_relative "test_helper"

# docs/snippets.md, "Snapshot": a sealed sandbox whose setup (Services bound,
# snippets replayed) depends on nothing but itself starts every invocation
# from a snapshot of that setup instead of replaying it. B-03 and B-31 must
# hold exactly as with replay: each invocation starts from the snapshot, never
# from what an earlier invocation left, and a setup that prints, calls a
# Service, reads a live clock or draws random numbers keeps being replayed.
class SnippetSnapshotTest < KobakoTest
  STATEFUL = <<~RUBY
    LIST = []
    $counter = 0
    module Registry
      @entries = {}
      def self.add(k, v) = @entries[k] = v
      def self.size = @entries.size
    end
    class Box
      @@made = 0
      def initialize = @@made += 1
      def self.made = @@made
      def kind = :box
    end
    Noop = -> {}
  RUBY

  MUTATE = <<~RUBY
    before = [LIST.dup, $counter, Registry.size, Box.made, Box.new.kind, Object.const_defined?(:Extra)]
    LIST << 1
    $counter += 1
    Registry.add(:k, 1)
    class Box; def kind = :patched; end
    class String; def shout = :loud; end
    Object.const_set(:Extra, 1)
    Object.send(:remove_const, :Noop)
    before
  RUBY

  PRISTINE = [[], 0, 0, 0, :box, false].freeze

  def plan(box) = box.instance_variable_get(:@preamble).plan

  def test_a_script_s_mutations_never_reach_the_next_invocation
    box = sandbox.preload(code: STATEFUL, name: :State)
    40.times do |n|
      assert_equal PRISTINE, box.eval(MUTATE), "invocation #{n} saw an earlier one's state"
      assert_equal [false, true], box.eval('["".respond_to?(:shout), Object.const_defined?(:Noop)]')
    end
    assert_equal "snapshot", plan(box)
    assert_operator box.instance_variable_get(:@preamble).snapshot_bytes, :>, 0
  end

  def test_the_snapshot_is_taken_at_the_second_invocation_so_a_one_shot_sandbox_pays_nothing
    box = sandbox.preload(code: STATEFUL, name: :State)
    assert_equal PRISTINE, box.eval(MUTATE)
    assert_equal "undecided", plan(box)
    assert_equal PRISTINE, box.eval(MUTATE)
    assert_equal "snapshot", plan(box)
  end

  def test_run_starts_from_the_snapshot_too_even_after_a_failure_or_a_trap
    box = sandbox(timeout: 0.1).preload(code: STATEFUL, name: :State)
    5.times do
      assert_nil box.run(:Noop)
      assert_raises(Kobako::SandboxError) { box.eval("LIST << 1; $counter = 9; raise 'x'") }
      assert_raises(Kobako::TimeoutError) { box.eval("LIST << 2; loop {}") }
      assert_equal PRISTINE, box.eval(MUTATE)
    end
    assert_equal "snapshot", plan(box)
  end

  def test_services_bound_in_the_setup_still_answer_from_the_snapshot
    box = sandbox
    calls = 0
    box.define(:Shop).bind(:Count, lambda { |x|
      calls += 1
      x * 2
    })
    box.preload(code: "Twice = ->(x) { Shop::Count.call(x) }", name: :Helpers)
    assert_equal([2, 4, 6], (1..3).map { |i| box.run(:Twice, i) })
    assert_equal 3, calls
    assert_equal 1, box.usage.service_calls
    assert_equal "snapshot", plan(box)
  end

  def test_a_snippet_calling_a_service_at_its_top_level_is_replayed_each_time
    box = sandbox
    calls = 0
    box.define(:Config).bind(:Rate, -> { calls += 1 })
    box.preload(code: "RATE = Config::Rate.call", name: :Rates)
    assert_equal([1, 2, 3], (1..3).map { box.eval("RATE") })
    assert_equal "replay", plan(box)
  end

  def test_a_snippet_rescuing_a_service_call_at_its_top_level_is_replayed_too
    box = sandbox
    box.define(:Config).bind(:Rate, -> { 7 })
    box.preload(code: "RATE = (Config::Rate.call rescue :failed)", name: :Rates)
    assert_equal [7, 7], [box.eval("RATE"), box.eval("RATE")]
    assert_equal "replay", plan(box)
  end

  def test_a_snippet_that_prints_prints_at_every_invocation
    box = sandbox.preload(code: "puts 'loaded'\nX = 1", name: :Loud)
    3.times do
      assert_equal 1, box.eval("X")
      assert_equal "loaded\n", box.stdout
    end
    assert_equal "replay", plan(box)
  end

  def test_a_snippet_drawing_random_numbers_draws_fresh_ones_each_time
    box = sandbox(profile: :permissive).preload(code: "R = rand(1 << 30)", name: :Dice)
    values = Array.new(6) { box.eval("R") }
    assert_operator values.uniq.size, :>, 1
    assert_equal "replay", plan(box)
  end

  def test_a_snippet_reading_the_live_clock_reads_it_each_time
    box = sandbox(profile: :permissive).preload(code: "T = Time.now.to_f", name: :Clock)
    first = box.eval("T")
    sleep 0.01
    assert_operator box.eval("T"), :>, first
    assert_equal "replay", plan(box)
  end

  def test_hermetic_random_in_a_script_is_the_same_with_or_without_the_snapshot
    plain = sandbox.eval("[rand(1000), rand(1000)]")
    box = sandbox.preload(code: STATEFUL, name: :State)
    assert_equal [plain, plain], [box.eval("[rand(1000), rand(1000)]"), box.eval("[rand(1000), rand(1000)]")]
    assert_equal "snapshot", plan(box)
  end

  def test_the_setup_s_memory_counts_toward_the_limit_and_the_peak
    box = sandbox(memory_limit: 24 * MIB).preload(code: "BIG = 'x' * (8 * 1024 * 1024)", name: :Big)
    assert_equal 8 * MIB, box.eval("BIG.size")
    assert_equal 8 * MIB, box.eval("BIG.size")
    assert_equal "snapshot", plan(box)
    assert_operator box.usage.memory_peak, :>=, 7 * MIB # the setup grew the memory by ~8 MiB
    assert_raises(Kobako::MemoryLimitError) { box.eval("BIG * 3") }
    assert_equal 8 * MIB, box.eval("BIG.size")
  end

  def test_a_failing_setup_fails_every_invocation_and_is_not_snapshotted
    box = sandbox.preload(code: "X = 1\nraise 'boom'", name: :Broken)
    2.times { assert_raises(Kobako::SandboxError) { box.eval("X") } }
    assert_equal "replay", plan(box)
  end

  def preamble(box) = box.instance_variable_get(:@preamble)

  # Sandboxes whose setups are the same (module, Services, snippets and the
  # options the setup runs under) share one snapshot (invocation/
  # snapshot_registry.rs): a Pool of N keeps one copy, not N.
  def test_sandboxes_with_the_same_setup_share_one_snapshot
    boxes = Array.new(3) { sandbox(memory_limit: 8 << 20).preload(code: STATEFUL, name: :State) }
    boxes.each { |box| 2.times { assert_equal PRISTINE, box.eval(MUTATE) } }
    assert_equal(%w[snapshot] * 3, boxes.map { |box| plan(box) })
    assert preamble(boxes[0]).same_snapshot?(preamble(boxes[1]))
    assert preamble(boxes[0]).same_snapshot?(preamble(boxes[2]))
  end

  def test_a_shared_snapshot_shares_nothing_a_script_did
    first, second = Array.new(2) { sandbox.preload(code: STATEFUL, name: :State) }
    2.times { [first, second].each { |box| box.eval("nil") } }
    assert preamble(first).same_snapshot?(preamble(second))
    10.times do
      assert_equal PRISTINE, first.eval(MUTATE)
      assert_equal PRISTINE, second.eval(MUTATE)
    end
  end

  def test_different_snippets_or_options_take_their_own_snapshot
    base = sandbox(memory_limit: 8 << 20).preload(code: STATEFUL, name: :State)
    other_code = sandbox(memory_limit: 8 << 20).preload(code: "#{STATEFUL}\nX = 1", name: :State)
    other_limit = sandbox(memory_limit: 16 << 20).preload(code: STATEFUL, name: :State)
    other_profile = sandbox(memory_limit: 8 << 20, profile: :permissive).preload(code: STATEFUL, name: :State)
    [base, other_code, other_limit, other_profile].each { |box| 2.times { box.eval("nil") } }
    assert_equal(%w[snapshot] * 4, [base, other_code, other_limit, other_profile].map { |box| plan(box) })
    [other_code, other_limit, other_profile].each do |box|
      refute preamble(base).same_snapshot?(preamble(box))
    end
    assert_equal 1, other_code.eval("X")
    assert_raises(Kobako::SandboxError) { base.eval("X") }
  end
end
