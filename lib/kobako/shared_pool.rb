# frozen_string_literal: true

module Kobako
  # `Kobako.pool`: one Pool per process, built from Kobako.configuration at
  # first use. A forked child (a Puma or Unicorn worker) notices the new pid
  # and builds its own, so no Sandbox is ever shared across a fork, whether
  # or not the parent used the pool (docs/deployment.md, "Fork safety").
  module SharedPool
    @entry = nil # [pid, pool], replaced as a whole so readers need no lock
    @lock = Mutex.new

    module_function

    def pool
      entry = @entry
      pid = Process.pid
      return entry[1] if entry && entry[0] == pid

      # Ruby releases, in a forked child, mutexes held by the parent's other
      # threads, so this lock cannot be inherited locked.
      @lock.synchronize do
        @entry = [pid, Kobako.configuration.build_pool].freeze unless @entry && @entry[0] == pid
        @entry[1]
      end
    end

    # Drops this process's pool (after changing the configuration); the next
    # Kobako.pool builds a new one.
    def reset
      @lock.synchronize { @entry = nil }
    end
  end

  class << self
    # This process's Pool (see SharedPool).
    def pool = SharedPool.pool

    def reset_pool! = SharedPool.reset
  end
end
