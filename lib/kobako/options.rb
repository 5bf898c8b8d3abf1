# frozen_string_literal: true

module Kobako
  # Validation of Sandbox options (docs/behaviours.md §2.1). Each check raises ArgumentError
  # naming the option, so a typo in configuration fails at construction, not at
  # the first invocation.
  module Options
    PROFILES = %i[hermetic permissive].freeze
    GVL_MODES = %i[release hold].freeze
    # The native side takes limits as 64-bit integers; anything larger is
    # already "unbounded" in practice, so it is clamped, not refused.
    NATIVE_MAX = (2**63) - 1

    module_function

    def timeout(value)
      return nil if value.nil?

      # `<= Float::MAX` rather than `to_f.finite?`: no "out of Float range" warning for 10**400.
      unless value.is_a?(Numeric) && value.real? && value.positive? && value <= Float::MAX
        raise ArgumentError, "timeout: must be a finite Numeric > 0 (seconds) or nil, got #{value.inspect}"
      end

      value.to_f
    end

    def limit(name, value)
      return nil if value.nil?
      return value if value.is_a?(Integer) && value.positive?

      raise ArgumentError, "#{name}: must be an Integer > 0 (bytes) or nil, got #{value.inspect}"
    end

    def choice(name, value, allowed)
      return value if allowed.include?(value)

      raise ArgumentError, "#{name}: must be one of #{allowed.map(&:inspect).join(', ')}, got #{value.inspect}"
    end

    def path(value)
      return value.dup.freeze if value.is_a?(String)
      return value.to_path.dup.freeze if value.respond_to?(:to_path) # Pathname

      raise ArgumentError, "wasm_path: must be a String or Pathname, got #{value.inspect}"
    end

    def native_limit(value)
      value && [value, NATIVE_MAX].min
    end
  end
end
