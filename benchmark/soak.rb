# frozen_string_literal: true

# `rake soak`: 100,000 mixed invocations on one Sandbox — plain evals,
# Service calls, Handles, yields, guest errors and traps (timeouts, the
# memory limit) — then the process's RSS growth after warm-up and the
# invocations per second. Writes benchmark/results/soak-<date>.json
# (benchmark/README.md, "Soak"). Not part of `rake test`: it takes minutes.

require "json"
require "time"
require "etc"
require "kobako"

module KobakoSoak
  INVOCATIONS = Integer(ENV.fetch("SOAK_INVOCATIONS", 100_000))
  # RSS is compared from here on: the first invocations fill caches (the
  # module, Ruby's heap pages, wasmtime's instance pool).
  WARM_UP = INVOCATIONS / 10
  SAMPLES = 10
  # Long enough that a busy 2-core machine never times out an ordinary
  # invocation (they take 30–300 µs), short enough for ~100 timeouts.
  TIMEOUT = 0.3

  # A Service with a Handle-returning method and a yielding one.
  class Store
    Item = Struct.new(:name, :price) do
      def label = "#{name}: #{price}"
    end

    def find(name) = Item.new(name, name.size * 10)
    def add(left, right) = left + right
    def each_price(names) = names.map { |n| yield(n.size * 10) }
  end

  # [kind, weight, source, expected error class or nil]. Weights are out of
  # 1,000; a timeout costs its whole TIMEOUT, so there are few of them.
  MIX = [
    [:eval, 400, "[1, 'two', :three, { k: 4.5 }, 2**70].map { |x| x }", nil],
    [:service, 200, "S::Store.add(2, 3) + S::Store.add(2**64, 1)", nil],
    [:handle, 120, "S::Store.find('apple').label", nil],
    [:yield, 150, "S::Store.each_price(%w[a bb ccc]) { |p| p * 2 }", nil],
    [:guest_error, 100, "raise ArgumentError, 'soak'", Kobako::SandboxError],
    [:syntax_error, 16, "def (", Kobako::SandboxError],
    [:memory_limit, 13, "'x' * (64 << 20)", Kobako::MemoryLimitError],
    [:timeout, 1, "loop {}", Kobako::TimeoutError]
  ].freeze

  module_function

  def rss_kb
    File.read("/proc/self/status")[/^VmRSS:\s+(\d+)/, 1].to_i
  end

  def sandbox
    sb = Kobako::Sandbox.new(timeout: TIMEOUT, memory_limit: 32 << 20)
    sb.define(:S).bind(:Store, Store.new)
    sb
  end

  def schedule
    random = Random.new(20_261_202)
    table = MIX.flat_map { |entry| [entry] * entry[1] }
    Array.new(INVOCATIONS) { table[random.rand(table.size)] }
  end

  def invoke(sandbox, (kind, _, source, error))
    sandbox.eval(source)
    raise "#{kind}: expected #{error}" if error
  rescue Kobako::Error => e
    raise unless error && e.is_a?(error)
  end

  def measure
    GC.start
    rss_kb
  end

  def run
    sb = sandbox
    plan = schedule
    counts = Hash.new(0)
    rss = []
    started = nil
    plan.each_with_index do |entry, i|
      if i == WARM_UP
        rss << [i, measure]
        started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
      elsif i > WARM_UP && (i % ((INVOCATIONS - WARM_UP) / SAMPLES)).zero?
        rss << [i, measure]
      end
      invoke(sb, entry)
      counts[entry[0]] += 1
    end
    seconds = Process.clock_gettime(Process::CLOCK_MONOTONIC) - started
    rss << [INVOCATIONS, measure]
    report(counts, rss, seconds)
  end

  def report(counts, rss, seconds)
    warm = rss.first[1]
    final = rss.last[1]
    {
      "time" => Time.now.utc.iso8601, "commit" => `git rev-parse --short HEAD 2>/dev/null`.strip,
      "ruby" => RUBY_DESCRIPTION, "cpus" => Etc.nprocessors,
      "invocations" => INVOCATIONS, "warm_up" => WARM_UP, "counts" => counts.sort.to_h,
      "seconds_after_warm_up" => seconds.round(2),
      "invocations_per_second" => ((INVOCATIONS - WARM_UP) / seconds).round(1),
      "rss_kb_after_warm_up" => warm, "rss_kb_at_end" => final,
      "rss_growth_percent" => (100.0 * (final - warm) / warm).round(2),
      "rss_kb_samples" => rss.to_h.transform_keys(&:to_s)
    }
  end
end

result = KobakoSoak.run
path = File.join(__dir__, "results", "soak-#{Time.now.utc.strftime('%Y-%m-%d')}.json")
File.write(path, "#{JSON.pretty_generate(result)}\n")
puts JSON.pretty_generate(result.except("rss_kb_samples"))
puts "wrote #{path}"
abort "soak: RSS grew #{result['rss_growth_percent']}% after warm-up (limit 5%)" if result["rss_growth_percent"] >= 5
