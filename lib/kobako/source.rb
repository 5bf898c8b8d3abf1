# frozen_string_literal: true

module Kobako
  # Source text for the guest, which reads UTF-8 only.
  module Source
    module_function

    # Binary source (File.binread) is reinterpreted, other encodings are
    # transcoded; anything that is not valid UTF-8 then is an ArgumentError.
    def utf8(source)
      raise TypeError, "source must be a String, got #{source.class}" unless source.is_a?(String)

      utf8 = if source.encoding == Encoding::BINARY
               String.new(source, encoding: Encoding::UTF_8)
             else
               source.encode(Encoding::UTF_8)
             end
      return utf8 if utf8.valid_encoding?

      raise ArgumentError, "source is not valid UTF-8"
    rescue EncodingError => e
      raise ArgumentError, "source cannot be converted to UTF-8 (#{e.message})"
    end
  end
end
