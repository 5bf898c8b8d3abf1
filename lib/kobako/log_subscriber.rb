# frozen_string_literal: true

require "active_support/log_subscriber"

module Kobako
  # One debug line per invocation, in the Rails log (docs/rails.md):
  #
  #   Kobako eval tool.rb (3.1ms, peak 128 KiB, 2 Service calls)
  #   Kobako eval (eval) failed: Kobako::TimeoutError (2000.4ms, peak 64 KiB, 0 Service calls)
  #
  # Attached by the Railtie; outside Rails, `Kobako::LogSubscriber.attach_to
  # :kobako` after setting ActiveSupport::LogSubscriber.logger.
  class LogSubscriber < ActiveSupport::LogSubscriber
    def eval(event)
      line(event, "eval", event.payload[:filename])
    end

    def run(event)
      line(event, "run", event.payload[:target])
    end

    private

    def line(event, operation, name)
      debug do
        payload = event.payload
        usage = payload[:usage] || Usage::ZERO
        failed = payload[:error] ? " failed: #{payload[:error]}" : ""
        format("Kobako %<operation>s %<name>s%<failed>s (%<ms>.1fms, peak %<kib>d KiB, %<calls>d Service calls)",
               operation: operation, name: name, failed: failed,
               ms: usage.wall_time * 1000, kib: usage.memory_peak / 1024, calls: usage.service_calls)
      end
    end
  end
end
