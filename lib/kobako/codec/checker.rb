# frozen_string_literal: true

module Kobako
  module Codec
    # Checks a decoded value for what msgpack-ruby accepts but the wire does
    # not: uint64 beyond signed 64-bit, and str payloads that are not UTF-8.
    # Nesting needs no check: the unpacker's own stack stops at 128.
    module Checker
      module_function

      def call(obj)
        case obj
        when Integer then check_integer(obj)
        when String then check_string(obj)
        when Array then obj.each { |item| call(item) }
        when Hash
          obj.each do |key, value|
            call(key)
            call(value)
          end
        end
        obj
      end

      def check_integer(int)
        return if int.between?(INT_MIN, INT_MAX)

        raise Error, "Integer #{int} is outside the signed 64-bit range"
      end

      def check_string(str)
        return if str.encoding == Encoding::BINARY || str.valid_encoding?

        raise Error, "str payload is not valid UTF-8"
      end
    end
  end
end
