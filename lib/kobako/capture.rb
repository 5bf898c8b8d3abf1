# frozen_string_literal: true

module Kobako
  # What one invocation left behind besides its value: captured output and
  # usage (docs/behaviours.md §2.6, 2.7). Frozen; a Sandbox swaps in a new one per invocation.
  class Capture
    EMPTY_OUTPUT = ""

    attr_reader :stdout, :stderr, :usage

    def initialize(stdout: nil, stderr: nil, stdout_truncated: false, stderr_truncated: false, usage: Usage::ZERO)
      @stdout = text(stdout)
      @stderr = text(stderr)
      @stdout_truncated = stdout_truncated ? true : false
      @stderr_truncated = stderr_truncated ? true : false
      @usage = usage
      freeze
    end

    def stdout_truncated?
      @stdout_truncated
    end

    def stderr_truncated?
      @stderr_truncated
    end

    private

    # Guest output is raw bytes; it is labelled UTF-8 (what mruby writes) but
    # deliberately not scrubbed, so nothing the script wrote is altered.
    def text(bytes)
      return EMPTY_OUTPUT if bytes.nil? || bytes.empty?

      String.new(bytes, encoding: Encoding::UTF_8).freeze
    end

    EMPTY = new
  end
end
