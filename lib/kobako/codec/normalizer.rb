# frozen_string_literal: true

module Kobako
  module Codec
    # Validates a host value before packing and returns it with every String in
    # a wire encoding (UTF-8 or binary). msgpack-ruby alone would recurse
    # forever on a cycle, pack 2**64-1 as uint64 and raise NoMethodError for
    # foreign objects, so all of that is decided here, with clear messages.
    # Containers are copied only when something inside them had to change.
    class Normalizer
      def self.call(obj)
        new.walk(obj, 0)
      end

      # Containers are tracked for cycles only from this depth on: a cycle
      # repeats without end, so it is still caught, and the shallow values of
      # every Service call skip the bookkeeping.
      TRACK_FROM = 4

      def initialize
        @path = nil # containers on the current path, from TRACK_FROM down
      end

      def walk(obj, depth)
        case obj
        when nil, true, false, Float, Handle then obj
        when Integer then integer(obj)
        when String then string(obj)
        when Symbol then symbol(obj)
        when Array then container(obj, depth) { array(obj, depth + 1) }
        when Hash then container(obj, depth) { hash(obj, depth + 1) }
        else raise Error, "#{obj.class} is not representable across the sandbox boundary"
        end
      end

      private

      def integer(int)
        return int if int.between?(INT_MIN, INT_MAX)

        raise Error, "Integer #{int} is outside the signed 64-bit range"
      end

      def string(str)
        case str.encoding
        when Encoding::BINARY then str
        when Encoding::UTF_8
          return str if str.valid_encoding?

          raise Error, "String is not valid UTF-8 (use String#b for binary data)"
        else transcode(str)
        end
      end

      def transcode(str)
        str.encode(Encoding::UTF_8)
      rescue EncodingError => e
        raise Error, "String in #{str.encoding} cannot be converted to UTF-8 (#{e.message})"
      end

      def symbol(sym)
        transcode(sym.name) unless sym.name.encoding == Encoding::UTF_8 && sym.name.valid_encoding?
        sym
      end

      def container(obj, depth)
        raise Error, "nesting deeper than #{MAX_DEPTH} levels" if depth >= MAX_DEPTH
        return yield if depth < TRACK_FROM

        @path ||= {}.compare_by_identity
        raise Error, "cyclic #{obj.class} cannot be sent" if @path.key?(obj)

        @path[obj] = true
        begin
          yield
        ensure
          @path.delete(obj)
        end
      end

      def array(ary, depth)
        changed = false
        out = ary.map do |item|
          normalized = walk(item, depth)
          changed ||= !normalized.equal?(item)
          normalized
        end
        changed ? out : ary
      end

      def hash(hsh, depth)
        changed = false
        out = hsh.each_with_object({}) do |(key, value), acc|
          k = walk(key, depth)
          v = walk(value, depth)
          changed ||= !k.equal?(key) || !v.equal?(value)
          acc[k] = v
        end
        changed ? out : hsh
      end
    end
  end
end
