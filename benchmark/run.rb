# frozen_string_literal: true

# kobako benchmarks: every row is timed as N samples in this process, reported
# as median / p10 / p90, next to baselines measured in the same run.
#
#   ruby -Ilib benchmark/run.rb            # full run, writes benchmark/results/<date>.json
#   ruby -Ilib benchmark/run.rb --smoke    # a few samples per row, checks the rows still run
require "kobako"
require "json"
require "open3"
require "rbconfig"
require "time"

module KobakoBench
  SMOKE = ARGV.include?("--smoke")
  SAMPLES = SMOKE ? 3 : 300
  ROOT = File.expand_path("..", __dir__)

  Row = Struct.new(:name, :unit, :samples, keyword_init: true) do
    def quantile(fraction)
      sorted = samples.sort
      sorted[(fraction * (sorted.size - 1)).round]
    end

    def to_h
      { name: name, unit: unit, median: quantile(0.5), p10: quantile(0.1), p90: quantile(0.9), n: samples.size }
    end
  end

  # A host object for the Service rows.
  class Echo
    def call(value) = value
    def each(count, &) = count.times(&)
  end

  module_function

  def now = Process.clock_gettime(Process::CLOCK_MONOTONIC)

  def time(name, samples: SAMPLES, per: 1, warmup: 3, &work)
    warmup.times(&work)
    Row.new(name: name, unit: "us", samples: Array.new(samples) { time_once(&work) * 1e6 / per })
  end

  # Rows sampled round-robin, one sample of each in turn, so that drift on a
  # noisy machine lands on all of them alike and their ratios stay honest.
  def interleaved(works, samples: SAMPLES, warmup: 3)
    works.each_value { |work| warmup.times { work.call } }
    samples_by_name = works.keys.to_h { |name| [name, []] }
    samples.times do
      works.each { |name, work| samples_by_name[name] << (time_once(&work) * 1e6) }
    end
    samples_by_name.map { |name, list| Row.new(name: name, unit: "us", samples: list) }
  end

  def few = [SAMPLES / 10, 3].max

  def services_sandbox
    sb = Kobako::Sandbox.new(timeout: nil, memory_limit: 64 << 20)
    sb.define(:B).bind(:Echo, Echo.new)
    sb
  end

  def rows
    core_rows + service_rows + snippet_rows + value_rows + baselines + [two_threads]
  end

  def core_rows
    warm = Kobako::Sandbox.new
    interleaved({
                  "Sandbox.new" => -> { Kobako::Sandbox.new },
                  "warm #eval(\"nil\")" => -> { warm.eval("nil") },
                  "Sandbox.new.eval(\"nil\")" => -> { Kobako::Sandbox.new.eval("nil") }
                })
  end

  def service_rows
    svc = services_sandbox
    [
      time("one Service call (eval)") { svc.eval("B::Echo.call(1)") },
      time("Service call, amortized over 1000", samples: few, per: 1000) { svc.eval(CALLS) },
      time("one yield (eval)") { svc.eval("B::Echo.each(1) { |i| i }") },
      time("yield, amortized over 1000", samples: few, per: 1000) { svc.eval("B::Echo.each(1000) { |i| i }") }
    ]
  end

  # A typical helper snippet: a module with a few methods, a class, a constant.
  def helper(index)
    <<~RUBY
      module Helper#{index}
        LIMIT = #{index} * 10
        def self.fmt(x) = format("%05d", x)
        def self.sum(xs) = xs.inject(0) { |a, b| a + b }
        class Box
          def initialize(v) = @v = v
          def get = @v
        end
      end
    RUBY
  end

  def with_snippets(count)
    sandbox = Kobako::Sandbox.new
    count.times { |i| sandbox.preload(code: helper(i), name: :"Helper#{i}") }
    sandbox.preload(code: "Noop = -> {}", name: :Noop)
  end

  # #run(:Noop) with 0, 8 and 64 helper snippets replayed before it, and the
  # same 8 helpers evaluated from source (what replay would cost without the
  # bytecode kept at preload).
  def snippet_rows
    plain = Kobako::Sandbox.new
    source = "#{(0...8).map { |i| helper(i) }.join("\n")}\nnil"
    works = [0, 8, 64].to_h do |count|
      sandbox = with_snippets(count)
      ["#run(:Noop) with #{count} helper snippets", -> { sandbox.run(:Noop) }]
    end
    works["same-run baseline: warm #eval(\"nil\")"] = -> { plain.eval("nil") }
    works["eval of the 8 helpers' source + nil (no preload)"] = -> { plain.eval(source) }
    rows = interleaved(works)
    rows + [Row.new(name: "snippet replay per snippet ((64-snippet run - 0-snippet run) / 64)", unit: "us",
                    samples: rows[2].samples.zip(rows[0].samples).map { |a, b| (a - b) / 64 })]
  end

  CALLS = "i = 0; while i < 1000; B::Echo.call(i); i += 1; end"

  def value_rows
    big = Kobako::Sandbox.new(memory_limit: 256 << 20)
    strings = { "64 B" => 64, "64 KiB" => 64 << 10, "1 MiB" => 1 << 20 }.map do |label, size|
      source = format("'x' * %<size>d", size: size)
      time("String round trip #{label}", samples: few) { big.eval(source) }
    end
    strings + [
      time("depth-64 nesting round trip") { big.eval("a = nil; 64.times { a = [a] }; a") },
      time("1M-iteration loop", samples: SMOKE ? 1 : 15) { big.eval(LOOP) }
    ]
  end

  LOOP = "i = 0; s = 0; while i < 1_000_000; s += i; i += 1; end; s"

  def baselines
    mruby = ENV.fetch("KOBAKO_BENCH_MRUBY", "mruby")
    return [] unless system(mruby, "-e", "nil", out: File::NULL, err: File::NULL)

    [
      time("baseline: native mruby 1M-iteration loop (process incl.)", samples: SMOKE ? 1 : 15) do
        system(mruby, "-e", LOOP, out: File::NULL)
      end,
      time("baseline: spawn `mruby -e nil`", samples: SMOKE ? 2 : 50) { system(mruby, "-e", "nil") }
    ]
  end

  # Throughput of 2 threads with one Sandbox each vs 1 thread (issue 6 row).
  def two_threads
    work = "i = 0; while i < 2_000_000; i += 1; end; i"
    sandboxes = Array.new(2) { Kobako::Sandbox.new(timeout: nil) }
    rounds = SMOKE ? 1 : 5
    ratios = Array.new(rounds) do
      one = time_once { 2.times { sandboxes[0].eval(work) } }
      two = time_once { sandboxes.map { |sb| Thread.new { sb.eval(work) } }.each(&:join) }
      one / two
    end
    Row.new(name: "throughput 2 threads / 1 thread (x)", unit: "ratio", samples: ratios)
  end

  def time_once
    start = now
    yield
    now - start
  end

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

require "etc"
rows = KobakoBench.rows
rows.each do |row|
  h = row.to_h
  printf("%<name>-58s median %<median>10.2f  p10 %<p10>10.2f  p90 %<p90>10.2f  %<unit>s (n=%<n>d)\n", **h)
end
unless KobakoBench::SMOKE
  path = File.join(KobakoBench::ROOT, "benchmark", "results", "#{Time.now.utc.strftime('%Y-%m-%d')}.json")
  File.write(path, JSON.pretty_generate(KobakoBench.report(rows)))
  puts "wrote #{path}"
end
