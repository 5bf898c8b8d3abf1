# frozen_string_literal: true

require "json"

module Kobako
  class CLI
    # What `kobako` prints after a run (docs/cli.md): the script's output, then
    # its value's inspect or the error in Ruby's own layout; or, with --json,
    # one JSON object for machines.
    class Report
      def initialize(out, err, mode)
        @out = out
        @err = err
        @mode = mode
      end

      def print(sandbox, value, error, status)
        @mode[:json] ? json(sandbox, value, error, status) : text(sandbox, value, error)
      end

      # Ruby's layout for an uncaught exception: the first guest frame, the
      # message and class, then one "from" line per remaining frame.
      def error_text(error)
        frames = error.respond_to?(:backtrace_lines) ? error.backtrace_lines : []
        head = frames.empty? ? "kobako" : frames.first
        ["#{head}: #{error.message} (#{error.class})", *frames.drop(1).map { |f| "\tfrom #{f}" }].join("\n")
      end

      private

      def text(sandbox, value, error)
        @out.write(sandbox.stdout)
        @err.write(sandbox.stderr)
        if error
          @err.puts(error_text(error))
        elsif !@mode[:quiet]
          @out.puts unless sandbox.stdout.empty? || sandbox.stdout.end_with?("\n")
          @out.puts(value.inspect)
        end
        @err.puts(usage_line(sandbox)) if @mode[:usage]
      end

      def usage_line(sandbox)
        usage = sandbox.usage
        cut = [("stdout" if sandbox.stdout_truncated?), ("stderr" if sandbox.stderr_truncated?)].compact
        format("kobako: wall_time=%<wall>.4fs memory_peak=%<peak>d service_calls=%<calls>d%<cut>s",
               wall: usage.wall_time, peak: usage.memory_peak, calls: usage.service_calls,
               cut: cut.empty? ? "" : " truncated=#{cut.join(',')}")
      end

      def json(sandbox, value, error, status)
        @out.puts JSON.generate(
          ok: error.nil?, value: error ? nil : plain(value), inspect: error ? nil : scrub(value.inspect),
          stdout: scrub(sandbox.stdout), stderr: scrub(sandbox.stderr),
          stdout_truncated: sandbox.stdout_truncated?, stderr_truncated: sandbox.stderr_truncated?,
          usage: sandbox.usage.to_h, error: error && error_json(error), status: status
        )
      end

      # The value itself when JSON carries it without changing its kind:
      # nil, booleans, Integers, finite Floats, Strings, and Arrays and
      # String-keyed Hashes of those. Otherwise nil (`inspect` has it).
      def plain(value)
        plain?(value) ? value : nil
      end

      def plain?(value)
        case value
        when nil, true, false, Integer then true
        when Float then value.finite?
        when String then value.valid_encoding?
        when Array, Hash then plain_container?(value)
        else false
        end
      end

      def plain_container?(value)
        return value.all? { |v| plain?(v) } if value.is_a?(Array)

        value.all? { |k, v| k.is_a?(String) && plain?(v) }
      end

      def scrub(text)
        text.valid_encoding? ? text : text.scrub
      end

      def error_json(error)
        { class: error.class.name, guest_class: error.respond_to?(:klass) ? error.klass : nil,
          message: scrub(error.message),
          backtrace: error.respond_to?(:backtrace_lines) ? error.backtrace_lines : [] }
      end
    end
  end
end
