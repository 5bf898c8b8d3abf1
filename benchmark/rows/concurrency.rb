# frozen_string_literal: true

module KobakoBench
  # Threads: parallel guests under each GVL mode, and how fast a thread stuck
  # in guest code can be stopped (issue 6).
  module ConcurrencyRows
    WORK = "i = 0; while i < 2_000_000; i += 1; end; i"

    module_function

    def rows
      [throughput(:release), throughput(:hold), native_throughput, stop_latency(:kill), stop_latency(:raise)].compact
    end

    # Two Sandboxes on two threads vs the same work on one thread.
    def throughput(gvl)
      sandboxes = Array.new(2) { Kobako::Sandbox.new(timeout: nil, gvl: gvl) }
      ratios = Array.new(SMOKE ? 1 : 15) do
        one = KobakoBench.time_once { 2.times { sandboxes[0].eval(WORK) } }
        two = KobakoBench.time_once { sandboxes.map { |sb| Thread.new { sb.eval(WORK) } }.each(&:join) }
        one / two
      end
      Row.new(name: "throughput 2 threads / 1 thread, gvl: :#{gvl} (x)", unit: "ratio", samples: ratios)
    end

    # The machine's own ceiling for the rows above: the same loop in Debian's
    # mruby, two processes at once vs one after the other (process start,
    # ~3 ms of ~100, in both). On a VM whose two vCPUs share a core this is
    # well below 2, and no in-process scheme can beat it.
    def native_throughput
      mruby = ENV.fetch("KOBAKO_BENCH_MRUBY", "mruby")
      return unless system(mruby, "-e", "nil", out: File::NULL, err: File::NULL)

      ratios = Array.new(SMOKE ? 1 : 15) do
        one = KobakoBench.time_once { 2.times { system(mruby, "-e", WORK, out: File::NULL) } }
        two = KobakoBench.time_once do
          Array.new(2) { Process.spawn(mruby, "-e", WORK, out: File::NULL) }.each { |pid| Process.wait(pid) }
        end
        one / two
      end
      Row.new(name: "baseline: native mruby, 2 processes / 1 (x)", unit: "ratio", samples: ratios)
    end

    # From Thread#kill / Thread#raise to the thread having finished, while
    # its guest spins in `loop {}`.
    def stop_latency(how)
      sandbox = Kobako::Sandbox.new(timeout: nil)
      samples = Array.new(SMOKE ? 2 : 30) do
        started = Queue.new
        thread = Thread.new do
          started << true
          sandbox.eval("loop {}")
        rescue Interrupt
          nil
        end
        started.pop
        sleep 0.05 # well inside the guest by now
        KobakoBench.time_once do
          how == :kill ? thread.kill : thread.raise(Interrupt)
          thread.join
        end * 1e3
      end
      Row.new(name: "Thread##{how} of a thread in `loop {}` until joined", unit: "ms", samples: samples)
    end
  end
end
