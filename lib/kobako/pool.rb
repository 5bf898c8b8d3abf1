# frozen_string_literal: true

module Kobako
  # A fixed number of set-up Sandboxes shared by threads (docs/behaviours.md §4, "Pool").
  #
  #   pool = Kobako::Pool.new(slots: 4, timeout: 2.0) { |sb| sb.define(:KV).bind(:Store, store) }
  #   pool.with { |sb| sb.eval(code) }
  #
  # Sandboxes are built lazily, at most `slots` of them, each set up once by
  # the block. A Sandbox is lent to one caller at a time. One whose invocation
  # trapped is discarded and replaced on demand.
  class Pool
    # One check per Sandbox option, for callers that vet a single option
    # (Kobako::SandboxOptions does the checking).
    OPTION_CHECKS = SandboxOptions::NAMES.to_h { |name| [name, ->(value) { SandboxOptions.new(name => value) }] }.freeze

    attr_reader :slots, :checkout_timeout

    def initialize(slots:, checkout_timeout: 5.0, **sandbox_options, &setup)
      @slots = check_slots(slots)
      @checkout_timeout = checkout_timeout.nil? ? nil : Options.timeout(checkout_timeout)
      # Checked now, not at the first (lazy) construction.
      @sandbox_options = SandboxOptions.new(**sandbox_options).to_h.freeze
      @setup = setup
      @idle = []
      @built = 0
      @mutex = Mutex.new
      @available = ConditionVariable.new
    end

    # Checks a Sandbox out, yields it, checks it back in; the block's value.
    def with
      raise ArgumentError, "Pool#with needs a block" unless block_given?

      sandbox = checkout
      begin
        yield sandbox
      rescue TrapError
        discard
        sandbox = nil
        raise
      ensure
        checkin(sandbox) if sandbox
      end
    end

    # Sandboxes built so far (never more than `slots`).
    def size
      @mutex.synchronize { @built }
    end

    def idle
      @mutex.synchronize { @idle.size }
    end

    private

    def checkout
      deadline = @checkout_timeout && (now + @checkout_timeout)
      @mutex.synchronize do
        until (sandbox = @idle.pop)
          if @built < @slots
            @built += 1
            break
          end
          wait_for_checkin(deadline)
        end
        return sandbox if sandbox
      end
      build
    end

    def wait_for_checkin(deadline)
      remaining = deadline && (deadline - now)
      if remaining && remaining <= 0
        raise PoolTimeoutError, "no Sandbox free within #{@checkout_timeout}s (#{@slots} slots, all checked out)"
      end

      @available.wait(@mutex, remaining)
    end

    # Outside the lock: construction and setup may take a while.
    def build
      sandbox = Sandbox.new(**@sandbox_options)
      @setup&.call(sandbox)
      sandbox
    rescue Exception # rubocop:disable Lint/RescueException -- the slot must be freed whatever happened
      discard
      raise
    end

    def checkin(sandbox)
      @mutex.synchronize do
        @idle.push(sandbox)
        @available.signal
      end
    end

    def discard
      @mutex.synchronize do
        @built -= 1
        @available.signal
      end
    end

    def now
      Process.clock_gettime(Process::CLOCK_MONOTONIC)
    end

    def check_slots(slots)
      return slots if slots.is_a?(Integer) && slots.positive?

      raise ArgumentError, "slots: must be an Integer > 0, got #{slots.inspect}"
    end
  end
end
