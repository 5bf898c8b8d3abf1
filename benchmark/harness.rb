# frozen_string_literal: true

require "etc"
require "json"
require "time"

# Sampling and reporting shared by every benchmark row (benchmark/README.md).
module KobakoBench
  SMOKE = ARGV.include?("--smoke")
  SAMPLES = SMOKE ? 3 : 300
  ROOT = File.expand_path("..", __dir__)

  Row = Struct.new(:name, :unit, :samples, keyword_init: true) do
    def quantile(fraction)
      sorted = samples.sort
      sorted[(fraction * (sorted.size - 1)).round]
    end

    def median = quantile(0.5)

    def to_h
      { name: name, unit: unit, median: median, p10: quantile(0.1), p90: quantile(0.9), n: samples.size }
    end
  end

  module_function

  def now = Process.clock_gettime(Process::CLOCK_MONOTONIC)

  def time_once
    start = now
    yield
    now - start
  end

  def time(name, samples: SAMPLES, per: 1, warmup: 3, &work)
    warmup.times(&work)
    Row.new(name: name, unit: "us", samples: Array.new(samples) { time_once(&work) * 1e6 / per })
  end

  # Rows sampled in turns — a block of samples of each, round after round —
  # so that drift on a noisy machine lands on all of them alike and their
  # ratios stay honest. Blocks rather than single samples, because an
  # invocation right after a much heavier one pays for resetting the memory
  # that one dirtied (docs/native.md, "Instance pool"); the first call of each
  # block absorbs that and is not recorded.
  def interleaved(works, samples: SAMPLES, per: 1, block: 20)
    samples_by_name = works.keys.to_h { |name| [name, []] }
    rounds = [(samples.to_f / block).ceil, 1].max
    rounds.times do
      works.each do |name, work|
        work.call
        [block, samples].min.times { samples_by_name[name] << (time_once(&work) * 1e6 / per) }
      end
    end
    samples_by_name.map { |name, list| Row.new(name: name, unit: "us", samples: list) }
  end

  # A row computed sample by sample from two interleaved rows.
  def derived(name, unit, left, right, &)
    Row.new(name: name, unit: unit, samples: left.samples.zip(right.samples).map(&))
  end

  def few = [SAMPLES / 10, 3].max

  def report(rows)
    {
      machine: { cpus: Etc.nprocessors, uname: `uname -srm`.strip },
      ruby: RUBY_DESCRIPTION,
      commit: `git -C #{ROOT} rev-parse --short HEAD 2>/dev/null`.strip,
      at: Time.now.utc.iso8601,
      rows: rows.map(&:to_h)
    }
  end
end
