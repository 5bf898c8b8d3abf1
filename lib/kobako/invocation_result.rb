# frozen_string_literal: true

module Kobako
  # What one native `Artifact#invoke` returns (docs/native.md, "The typed
  # seam"): the extension builds it with keywords, Sandbox reads it by name.
  # Internal; frozen once built.
  class InvocationResult
    attr_reader :outcome, :stdout, :stderr, :wall_time, :memory_peak, :error

    # rubocop:disable Metrics/ParameterLists -- one keyword per native result field (docs/native.md)
    def initialize(outcome:, stdout:, stderr:, stdout_truncated:, stderr_truncated:, wall_time:, memory_peak:,
                   error:)
      @outcome = outcome
      @stdout = stdout
      @stderr = stderr
      @stdout_truncated = stdout_truncated ? true : false
      @stderr_truncated = stderr_truncated ? true : false
      @wall_time = wall_time
      @memory_peak = memory_peak
      @error = error
      freeze
    end
    # rubocop:enable Metrics/ParameterLists

    def stdout_truncated? = @stdout_truncated
    def stderr_truncated? = @stderr_truncated
  end
end
