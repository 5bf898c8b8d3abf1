# frozen_string_literal: true

module Kobako
  # Turns the guest's outcome bytes (docs/wire.md, "Outcome") into the
  # invocation's value or the exception to raise.
  module Outcome
    # Guest exception classes that map onto a more specific host class.
    SPECIAL_CLASSES = {
      "Kobako::HandlerExhaustedError" => "HandlerExhaustedError",
      "Kobako::BytecodeError" => "BytecodeError"
    }.freeze

    module_function

    def read(bytes, label)
      raise TrapError, "#{label} failed: missing outcome" if bytes.nil?

      key, value = Codec.decode_envelope(bytes)
      case key
      when "ok" then value
      when "err" then raise remote_error(value, label)
      else raise TrapError, corrupted(label, "unknown outcome key #{key.inspect}")
      end
    rescue Codec::Error => e
      raise TrapError, corrupted(label, e.message)
    end

    def remote_error(fields, label)
      raise TrapError, corrupted(label, "malformed error record") unless well_formed?(fields)

      klass = fields["class"]
      message = fields["message"].empty? ? klass : "#{klass}: #{fields['message']}"
      error = error_class(fields["origin"], klass).new(
        message, origin: fields["origin"], klass: klass,
                 backtrace_lines: fields["backtrace"] || [], details: fields["details"]
      )
      with_guest_frames(error)
    end

    # A guest exception's Ruby backtrace starts with the script's own frames
    # (`tool.rb:3:in foo`), then the host's, so an uncaught one points at the
    # script first. `raise` keeps a backtrace that is already set.
    def with_guest_frames(error)
      return error unless error.is_a?(SandboxError) && !error.backtrace_lines.empty?

      error.set_backtrace(error.backtrace_lines + caller(2))
      error
    end

    def error_class(origin, klass)
      return ServiceError if origin == "service"

      name = SPECIAL_CLASSES[klass]
      name ? Kobako.const_get(name) : SandboxError
    end

    def well_formed?(fields)
      fields.is_a?(Hash) &&
        fields["origin"].is_a?(String) &&
        fields["class"].is_a?(String) &&
        fields["message"].is_a?(String) &&
        (fields["backtrace"].nil? || (fields["backtrace"].is_a?(Array) && fields["backtrace"].all?(String)))
    end

    def corrupted(label, reason)
      "#{label} failed: corrupted outcome (#{reason})"
    end
  end
end
