# frozen_string_literal: true

# Raw interpreter speed (issue 13): VM-heavy scripts timed inside a Sandbox
# and in Debian's native mruby in the same run, plus the live memory of a
# 100,000-Integer Array under the default memory cap. Part of `rake bench`;
# alone: `ruby -Ilib benchmark/groups.rb VmRows`.
#
# Times are CPU time, not wall time: on a machine shared by several builds
# (load 9 on 2 cores when this was written) wall time was 3-4x the CPU time
# and swung by 2x between runs, while CPU time held within ~10%. kobako rows
# take this process's CPU time around Sandbox#eval (the guest runs on the
# calling thread); native rows take the CPU time of the spawned `mruby -e`
# (process included, as benchmark/rows/baselines.rb does), and the ratio
# subtracts the median of `mruby -e nil`, so it compares interpreter work
# with interpreter work.
require_relative "values"

module KobakoBench
  # The scripts: each ends in a small value so the reply costs nothing.
  module VmRows
    SCRIPTS = {
      "1M-iteration loop (while, s += i)" => ValueRows::LOOP,
      "1_000_000.times { |i| acc ^= i }" => "acc = 0; 1_000_000.times { |i| acc ^= i }; acc",
      "string building (200k <<)" => "s = ''; i = 0; while i < 200_000; s << i.to_s; i += 1; end; s.size",
      "hash ops (100k set + get)" =>
        "h = {}; i = 0; while i < 100_000; h[i] = i * 2; i += 1; end; " \
        "t = 0; i = 0; while i < 100_000; t += h[i]; i += 1; end; t",
      "method calls (500k)" =>
        "def f(a, b); a + b; end; i = 0; s = 0; while i < 500_000; s = f(s, i); i += 1; end; s",
      "float math (500k)" =>
        "x = 0.0; i = 0; while i < 500_000; x += Math.sqrt(i.to_f) * 1.5; i += 1; end; x.floor"
    }.freeze

    module_function

    def samples = SMOKE ? 3 : 10

    def native_ok?(mruby) = system(mruby, "-e", "nil", out: File::NULL, err: File::NULL)

    def cpu_now = Process.clock_gettime(Process::CLOCK_PROCESS_CPUTIME_ID)

    def children_cpu_now
      t = Process.times
      t.cutime + t.cstime
    end

    # Like KobakoBench.time, in CPU microseconds read from +clock+.
    def cpu(name, clock, warmup: 2, &work)
      warmup.times(&work)
      samples = Array.new(self.samples) do
        start = send(clock)
        work.call
        (send(clock) - start) * 1e6
      end
      Row.new(name: name, unit: "us cpu", samples: samples)
    end

    def rows
      mruby = ENV.fetch("KOBAKO_BENCH_MRUBY", "mruby")
      native = native_ok?(mruby)
      sandbox = Kobako::Sandbox.new(memory_limit: 256 << 20)
      spawn = native ? cpu("native `mruby -e nil`", :children_cpu_now) { system(mruby, "-e", "nil") } : nil
      rows = SCRIPTS.flat_map do |label, source|
        guest = cpu("kobako: #{label}", :cpu_now) { sandbox.eval(source) }
        next [guest] unless native

        host = cpu("native: #{label}", :children_cpu_now) { system(mruby, "-e", source, out: File::NULL) }
        [guest, host, ratio(label, guest, host, spawn)]
      end
      (native ? [spawn, *rows] : rows) + array_memory
    end

    # kobako ÷ (native - spawn), as a one-sample row.
    def ratio(label, guest, host, spawn)
      work = host.median - spawn.median
      Row.new(name: "ratio kobako / (native - spawn): #{label}", unit: "x", samples: [guest.median / work])
    end

    # Sandbox#usage.memory_peak (bytes grown) of a 100,000-Integer Array under
    # the default cap; returning it also needs the encoded reply (~370 KB) in
    # guest memory next to it, so that is measured under a 2 MiB cap. A script
    # that does not fit is a failure here, not a number.
    def array_memory
      source = "Array.new(100_000) { |i| i }"
      [[Kobako::Sandbox.new, "#{source}; nil", "default 1 MiB cap"],
       [Kobako::Sandbox.new(memory_limit: 2 << 20), source, "returned, 2 MiB cap"]].map do |sb, src, label|
        sb.eval(src)
        Row.new(name: "memory_peak of Array.new(100_000) { |i| i } (#{label})", unit: "bytes",
                samples: [sb.usage.memory_peak])
      end
    end
  end
end
