# frozen_string_literal: true

module Kobako
  module Fuzz
    # Seeded mutations of valid messages (docs/wire.md): bit flips, byte
    # inserts and deletes, length fields set to huge values, truncation and
    # splices of two messages. The same seed gives the same inputs.
    class Mutator
      # Markers followed by a length field, and that field's width in bytes:
      # str/bin/ext 8, 16, 32 and array/map 16, 32.
      LENGTH_FIELDS = {
        0xc4 => 1, 0xc5 => 2, 0xc6 => 4, 0xc7 => 1, 0xc8 => 2, 0xc9 => 4,
        0xd9 => 1, 0xda => 2, 0xdb => 4, 0xdc => 2, 0xdd => 4, 0xde => 2, 0xdf => 4
      }.freeze
      # Values a length field is set to: the largest, the largest signed, and
      # one past what is there (off by one).
      HUGE = [0xff, 0x7f].freeze

      STRATEGIES = %i[flip_bit insert_byte delete_byte huge_length truncate splice
                      fix_container repeat_chunk].freeze

      def initialize(random)
        @random = random
      end

      # bytes (a valid message) → a mutated copy; +others+ are more valid
      # messages for splices. One to three mutations are stacked.
      def mutate(bytes, others)
        out = bytes.b
        (1 + @random.rand(3)).times do
          out = send(STRATEGIES[@random.rand(STRATEGIES.size)], out, others)
        end
        out
      end

      private

      def position(bytes) = bytes.empty? ? 0 : @random.rand(bytes.bytesize)

      # Offsets whose byte matches: every offset of a short message, 256
      # random ones of a long message (a full scan would dominate the run).
      def probe(bytes)
        offsets = bytes.bytesize <= 256 ? (0...bytes.bytesize) : Array.new(256) { position(bytes) }
        offsets.select { |i| yield bytes.getbyte(i) }
      end

      def flip_bit(bytes, _others)
        return bytes if bytes.empty?

        out = bytes.dup
        i = position(out)
        out.setbyte(i, out.getbyte(i) ^ (1 << @random.rand(8)))
        out
      end

      def insert_byte(bytes, _others)
        i = @random.rand(bytes.bytesize + 1)
        bytes.byteslice(0, i) + [@random.rand(256)].pack("C") + bytes.byteslice(i..)
      end

      def delete_byte(bytes, _others)
        return bytes if bytes.empty?

        i = position(bytes)
        bytes.byteslice(0, i) + bytes.byteslice((i + 1)..)
      end

      # Finds a length field and sets it to something the bytes cannot back.
      def huge_length(bytes, _others)
        candidates = probe(bytes) { |byte| LENGTH_FIELDS.key?(byte) }
        return insert_huge_header(bytes) if candidates.empty?

        i = candidates[@random.rand(candidates.size)]
        width = LENGTH_FIELDS.fetch(bytes.getbyte(i))
        out = bytes.dup
        width.times do |k|
          next if i + 1 + k >= out.bytesize

          out.setbyte(i + 1 + k, k.zero? ? HUGE[@random.rand(HUGE.size)] : 0xff)
        end
        out
      end

      # A container header of huge declared size in front of the message.
      def insert_huge_header(bytes)
        header = [[0xdd, 0x7f, 0xff, 0xff, 0xff], [0xdf, 0xff, 0xff, 0xff, 0xff],
                  [0xdb, 0x7f, 0xff, 0xff, 0xff], [0xc9, 0xff, 0xff, 0xff, 0xf0, 0x02]].sample(random: @random)
        header.pack("C*") + bytes
      end

      def truncate(bytes, _others)
        bytes.byteslice(0, @random.rand(bytes.bytesize + 1))
      end

      # A prefix of one message joined to a suffix of another.
      def splice(bytes, others)
        other = others[@random.rand(others.size)]
        bytes.byteslice(0, @random.rand(bytes.bytesize + 1)) + other.byteslice(@random.rand(other.bytesize + 1)..)
      end

      # Turns a fixarray/fixmap header into a different count.
      def fix_container(bytes, _others)
        candidates = probe(bytes) { |byte| (0x80..0x9f).cover?(byte) }
        return bytes if candidates.empty?

        i = candidates[@random.rand(candidates.size)]
        out = bytes.dup
        out.setbyte(i, (out.getbyte(i) & 0xf0) | @random.rand(16))
        out
      end

      def repeat_chunk(bytes, _others)
        return bytes if bytes.empty?

        i = position(bytes)
        chunk = bytes.byteslice(i, 1 + @random.rand(8))
        bytes.byteslice(0, i) + (chunk * (2 + @random.rand(40))) + bytes.byteslice(i..)
      end
    end
  end
end
