# frozen_string_literal: true

require "test_helper"
require_relative "runner"

# The CI portion of the fuzzing (`rake fuzz` runs ten times as many): every
# host reader of guest bytes — Codec.decode, Outcome.read, the Service-request
# reader, the yield-reply reader — and preload(binary:) take seeded mutations
# of valid messages and come out with a value or a documented error only.
# KOBAKO_FUZZ_SEED replays a run; the seed is printed.
class FuzzTest < KobakoTest
  # 4 readers × 25,000 = 10⁵ byte inputs; preload inputs each need a Sandbox.
  BYTES_PER_TARGET = 25_000
  PRELOADS = 1_000

  def seed
    @seed ||= Integer(ENV.fetch("KOBAKO_FUZZ_SEED", Random.new_seed % (2**32)))
  end

  def assert_no_findings(runner)
    message = "fuzz seed #{runner.seed} (replay with KOBAKO_FUZZ_SEED=#{runner.seed}):\n" +
              runner.findings.first(5).join("\n")
    assert_empty runner.findings, message
  end

  def test_corpus_of_inputs_that_found_bugs
    runner = Kobako::Fuzz::Runner.new(seed).replay_corpus
    corpus = Dir[File.join(Kobako::Fuzz::Runner::CORPUS, "*.bin")].size
    assert_operator corpus, :>=, 10
    assert_equal corpus, runner.counts["Codec.decode"]
    assert_no_findings runner
  end

  def test_readers_of_guest_bytes
    warn "fuzz seed: #{seed}"
    runner = Kobako::Fuzz::Runner.new(seed).run_bytes(BYTES_PER_TARGET)
    assert_equal 4 * BYTES_PER_TARGET, runner.counts.values.sum
    assert_no_findings runner
  end

  def test_preload_binary
    runner = Kobako::Fuzz::Runner.new(seed).run_preload(PRELOADS)
    assert_equal PRELOADS, runner.counts["preload(binary:)"]
    assert_no_findings runner
  end

  # The corpus entries that once got through as something else.
  def test_corpus_entries_are_typed_errors_now
    deep = File.binread(File.join(Kobako::Fuzz::Runner::CORPUS, "request-args-128-deep.bin"))
    assert_equal 128, depth_of(Kobako::Codec.decode(deep, envelope: Kobako::Codec::ENVELOPE_REQUEST)[2][0])
    huge = File.binread(File.join(Kobako::Fuzz::Runner::CORPUS, "array32-huge-length.bin"))
    assert_raises(Kobako::Codec::Error) { Kobako::Codec.decode(huge) }
  end
end
