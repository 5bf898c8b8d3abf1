# frozen_string_literal: true

require_relative "errors"
require_relative "handle"

module Kobako
  # MessagePack with kobako's ext types and limits (docs/wire.md,
  # docs/values.md). Packing and unpacking are done by the native extension
  # (`Kobako::Native::Codec`, ext/kobako/src/codec.rs): straight from and to
  # Ruby objects, with every declared length checked against the bytes that
  # remain before anything is allocated. This module is the Ruby face of it.
  module Codec
    MAX_BYTES = 16 * 1024 * 1024
    MAX_DEPTH = 128
    INT_MIN = -(2**63)
    INT_MAX = (2**63) - 1
    SYMBOL_EXT = 0
    HANDLE_EXT = 1
    BIGINT_EXT = 2

    # Containers around the values a message carries, which the depth cap
    # does not count (docs/wire.md): a reply's `[0, value]` is one level; a
    # Service request's `[target, method, [args], {kwargs}, block]`, a
    # yield's `[id, [args]]` and #run's `[[args], {kwargs}]` are two.
    ENVELOPE_REPLY = 1
    ENVELOPE_REQUEST = 2

    # A value or message that cannot cross the boundary. A SandboxError so that
    # callers rescuing guest failures also see values the guest cannot take.
    class Error < SandboxError
      private

      def default_origin = "host"
    end

    class << self
      # obj → binary String. Raises Codec::Error for anything not representable.
      # +envelope+: how many outer levels are the message's envelope rather
      # than values it carries (ENVELOPE_REPLY, ENVELOPE_REQUEST).
      def encode(obj, envelope: 0)
        Native::Codec.dump(obj, envelope)
      end

      # One `key => value` entry of a map, encoded on its own so that a frame's
      # unchanging parts (Services, snippets) are packed once, not per call.
      def encode_pair(key, value)
        KEYS.fetch(key) + Native::Codec.dump(value, 0)
      end

      # #encode_pair for a String already known to be valid UTF-8 (source text).
      alias encode_text_pair encode_pair

      # A map from entries made by #encode_pair.
      def join_map(pairs)
        raise ArgumentError, "at most 15 entries" if pairs.size > 15

        bytes = MAP_HEADERS[pairs.size] + pairs.join
        check_size!(bytes.bytesize)
        bytes
      end

      # Raises Codec::Error when a frame of +size+ bytes would be over the cap
      # (for a frame sent in parts: Native::Preamble).
      def check_frame_size!(size) = check_size!(size)

      # binary String → object. Raises Codec::Error for malformed input;
      # +envelope+ as for #encode.
      def decode(bytes, envelope: 0)
        raise TypeError, "expected a String of bytes, got #{bytes.class}" unless bytes.is_a?(String)

        Native::Codec.load(bytes, envelope)
      end

      # Reads a one-key map `{key => value}` → [key, value]. The envelope does
      # not count toward the value's nesting: the value may itself be 128 deep.
      def decode_envelope(bytes)
        raise TypeError, "expected a String of bytes, got #{bytes.class}" unless bytes.is_a?(String)

        Native::Codec.load_envelope(bytes)
      end

      private

      def check_size!(size)
        return if size <= MAX_BYTES

        raise Error, "message is #{size} bytes, over the #{MAX_BYTES}-byte (16 MiB) cap"
      end
    end

    MAP_HEADERS = Array.new(16) { |n| [0x80 | n].pack("C").freeze }.freeze
    private_constant :MAP_HEADERS

    # Frame keys, packed once (fixstr: a length byte and the key).
    KEYS = %w[src file run compile services snippets].to_h do |key|
      [key, ([0xa0 | key.bytesize].pack("C") + key).b.freeze]
    end.freeze
    private_constant :KEYS
  end
end
