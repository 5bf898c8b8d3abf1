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

    # 255 bytes: a file name, not a payload; it is repeated in every
    # backtrace line and message the guest sends back.
    MAX_FILENAME_BYTES = 255

    # `eval(code, filename:)`: nil (the guest shows "(eval)") or a 1..255 byte
    # UTF-8 String without control characters (no NUL, no newline that would
    # forge a backtrace line).
    def filename(name)
      return nil if name.nil?
      raise TypeError, "filename: must be a String, got #{name.class}" unless name.is_a?(String)

      text = name.encode(Encoding::UTF_8)
      unless sane_filename?(text)
        raise ArgumentError, "filename: must be 1..#{MAX_FILENAME_BYTES} bytes of UTF-8 without control " \
                             "characters, got #{name.inspect}"
      end

      text.frozen? ? text : text.dup.freeze
    rescue EncodingError => e
      raise ArgumentError, "filename: cannot be converted to UTF-8 (#{e.message})"
    end

    def sane_filename?(text)
      text.valid_encoding? && text.bytesize.between?(1, MAX_FILENAME_BYTES) && !text.match?(/[[:cntrl:]]/)
    end
  end
end
