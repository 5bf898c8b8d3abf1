# frozen_string_literal: true

require "open3"
require "tmpdir"

module KobakoBench
  # Costs a new process pays: the first Sandbox.new (module compile, or a
  # disk-cache hit) and the memory idle Sandboxes hold. Each sample is a
  # child Ruby; its own clock/RSS readings are reported, not process start.
  module ProcessRows
    FIRST_SANDBOX = <<~RUBY
      require "kobako"
      start = Process.clock_gettime(Process::CLOCK_MONOTONIC)
      Kobako::Sandbox.new
      print((Process.clock_gettime(Process::CLOCK_MONOTONIC) - start) * 1e6)
    RUBY

    IDLE_RSS = <<~RUBY
      require "kobako"
      rss = -> { File.read("/proc/self/status")[/VmRSS:\\s+(\\d+)/, 1].to_i * 1024 }
      Kobako::Sandbox.new.eval("nil")
      GC.start
      before = rss.call
      $keep = Array.new(1000) { Kobako::Sandbox.new }
      GC.start
      print rss.call - before
    RUBY

    module_function

    def rows
      [first_sandbox(:cold), first_sandbox(:warm), idle_rss]
    end

    def child(script, env = {})
      out, err, status = Open3.capture3(env, Gem.ruby, "-I", File.join(ROOT, "lib"), "-e", script)
      raise "benchmark child failed: #{err}" unless status.success?

      Float(out)
    end

    # cold: an empty cache directory, so the module is compiled; warm: the
    # compiled module is read from the disk cache.
    def first_sandbox(state)
      samples = SMOKE ? 1 : 5
      Dir.mktmpdir("kobako-bench-cache") do |dir|
        child(FIRST_SANDBOX, "XDG_CACHE_HOME" => dir) if state == :warm
        values = Array.new(samples) do
          next child(FIRST_SANDBOX, "XDG_CACHE_HOME" => dir) if state == :warm

          Dir.mktmpdir("kobako-bench-cold") { |cold| child(FIRST_SANDBOX, "XDG_CACHE_HOME" => cold) }
        end
        Row.new(name: "first Sandbox.new in a fresh process, disk cache #{state}", unit: "us", samples: values)
      end
    end

    def idle_rss
      values = Array.new(SMOKE ? 1 : 5) { child(IDLE_RSS) / 1e6 }
      Row.new(name: "RSS added by 1000 idle Sandboxes", unit: "MB", samples: values)
    end
  end
end
