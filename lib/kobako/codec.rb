# frozen_string_literal: true

require "msgpack"
require_relative "errors"
require_relative "handle"

module Kobako
  # MessagePack with kobako's ext types and limits (docs/wire.md, docs/values.md).
  module Codec
    MAX_BYTES = 16 * 1024 * 1024
    MAX_DEPTH = 128
    INT_MIN = -(2**63)
    INT_MAX = (2**63) - 1
    SYMBOL_EXT = 0
    HANDLE_EXT = 1

    # A value or message that cannot cross the boundary. A SandboxError so that
    # callers rescuing guest failures also see values the guest cannot take.
    class Error < SandboxError
      private

      def default_origin = "host"
    end

    class << self
      # obj → binary String. Raises Codec::Error for anything not representable.
      def encode(obj)
        bytes = pack(obj)
        check_size!(bytes.bytesize)
        bytes
      end

      # One `key => value` entry of a map, encoded on its own so that a frame's
      # unchanging parts (Services, snippets) are packed once, not per call.
      def encode_pair(key, value)
        KEYS.fetch(key) + pack(value)
      end

      # #encode_pair for a String already known to be valid UTF-8 (source
      # text): packed directly, without the Normalizer's walk.
      def encode_text_pair(key, text)
        KEYS.fetch(key) + MessagePack.pack(text)
      end

      # A map from entries made by #encode_pair.
      def join_map(pairs)
        raise ArgumentError, "at most 15 entries" if pairs.size > 15

        bytes = MAP_HEADERS[pairs.size] + pairs.join
        check_size!(bytes.bytesize)
        bytes
      end

      # binary String → object. Raises Codec::Error for malformed input.
      def decode(bytes)
        unpacking(bytes) do
          with_unpacker do |unpacker|
            unpacker.feed_reference(bytes)
            unpacker.full_unpack
          end
        end
      end

      # Reads a one-key map `{key => value}` → [key, value]. The envelope does
      # not count toward the value's nesting: the value may itself be 128 deep.
      def decode_envelope(bytes)
        unpacking(bytes) do
          with_unpacker do |unpacker|
            unpacker.feed_reference(bytes)
            size = unpacker.read_map_header
            raise Error, "expected a one-entry map, got #{size} entries" unless size == 1

            pair = [unpacker.read, unpacker.read]
            raise Error, "trailing bytes after the message" unless unpacker.buffer.empty?

            pair
          end
        end
      end

      private

      def pack(obj)
        with_packer { |packer| packer.write(Normalizer.call(obj)).to_s }
      end

      # A packer and an unpacker per fiber, reused: making one per message
      # cost more than packing a Service call's request or reply.
      def with_packer
        packer = (Thread.current[:kobako_packer] ||= FACTORY.packer)
        yield packer
      ensure
        packer&.clear
      end

      def with_unpacker
        unpacker = (Thread.current[:kobako_unpacker] ||= FACTORY.unpacker)
        yield unpacker
      ensure
        unpacker&.reset
      end

      def unpacking(bytes)
        raise TypeError, "expected a String of bytes, got #{bytes.class}" unless bytes.is_a?(String)

        check_size!(bytes.bytesize)
        Checker.call(yield)
      rescue MessagePack::StackError
        raise Error, "nesting deeper than #{MAX_DEPTH} levels"
      rescue MessagePack::UnpackError, EOFError, MessagePack::TypeError => e
        raise Error, "malformed message (#{e.message})"
      end

      def check_size!(size)
        return if size <= MAX_BYTES

        raise Error, "message is #{size} bytes, over the #{MAX_BYTES}-byte (16 MiB) cap"
      end

      def unpack_symbol(payload)
        name = String.new(payload, encoding: Encoding::UTF_8)
        raise Error, "Symbol name is not valid UTF-8" unless name.valid_encoding?

        name.to_sym
      end

      def unpack_handle(payload)
        raise Error, "Handle payload must be 4 bytes, got #{payload.bytesize}" unless payload.bytesize == 4

        id = payload.unpack1("N")
        raise Error, "Handle id 0 is never issued" if id.zero?

        Handle.from_wire(id)
      end
    end

    FACTORY = MessagePack::Factory.new.tap do |factory|
      factory.register_type(SYMBOL_EXT, Symbol,
                            packer: ->(sym) { sym.name.encode(Encoding::UTF_8).b },
                            unpacker: ->(payload) { unpack_symbol(payload) })
      factory.register_type(HANDLE_EXT, Handle,
                            packer: ->(handle) { [handle.id].pack("N") },
                            unpacker: ->(payload) { unpack_handle(payload) })
    end
    private_constant :FACTORY

    MAP_HEADERS = Array.new(16) { |n| [0x80 | n].pack("C").freeze }.freeze
    private_constant :MAP_HEADERS

    # Frame keys, packed once.
    KEYS = %w[src file run compile services snippets].to_h { |key| [key, FACTORY.dump(key).freeze] }.freeze
    private_constant :KEYS
  end
end

require_relative "codec/normalizer"
require_relative "codec/checker"
