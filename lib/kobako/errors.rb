# frozen_string_literal: true

module Kobako
  # Root of every error kobako raises (docs/behaviours.md §2.8).
  class Error < StandardError; end

  # The engine stopped the guest: a trap, an exhausted cap, or an outcome the
  # host could not read. Messages start with "Sandbox#eval failed: ".
  class TrapError < Error; end
  class TimeoutError < TrapError; end
  class MemoryLimitError < TrapError; end

  # Fields shared by errors that describe an exception raised on the far side
  # of the boundary: the guest's class name and backtrace are data here, never
  # host objects.
  module RemoteErrorFields
    attr_reader :origin, :klass, :backtrace_lines, :details

    def initialize(message = nil, origin: default_origin, klass: nil, backtrace_lines: [], details: nil)
      super(message)
      @origin = origin
      @klass = klass
      @backtrace_lines = Array(backtrace_lines).map(&:to_s).freeze
      @details = details
    end
  end

  # The guest raised and did not rescue, failed to compile, or produced a value
  # that cannot cross the boundary.
  class SandboxError < Error
    include RemoteErrorFields

    private

    def default_origin = "sandbox"
  end

  class HandlerExhaustedError < SandboxError; end
  class BytecodeError < SandboxError; end

  # A host Service call failed and the guest did not rescue it.
  class ServiceError < Error
    include RemoteErrorFields

    private

    def default_origin = "service"
  end

  # The guest artifact is unusable (unreadable, not WebAssembly, wrong ABI).
  class SetupError < Error; end
  class ModuleNotBuiltError < SetupError; end

  class PoolTimeoutError < Error; end
end
