# frozen_string_literal: true

module Kobako
  module Fuzz
    # Valid messages of every kind the host reads from the guest (docs/wire.md):
    # plain values, outcomes, Service requests and yield replies. Mutating
    # valid messages reaches far deeper into a decoder than random bytes.
    class Seeds
      def initialize(random)
        @random = random
      end

      def values = Array.new(40) { value(0) } + edge_values

      def plain = values.map { |v| Codec.encode(v) }

      def outcomes
        values.map { |v| Codec.encode({ "ok" => v }, envelope: Codec::ENVELOPE_REPLY) } +
          [Codec.encode({ "err" => { "origin" => "sandbox", "class" => "RuntimeError", "message" => "boom",
                                     "backtrace" => ["(eval):1"], "details" => nil } }),
           Codec.encode({ "err" => { "origin" => "service", "class" => "Kobako::ServiceError", "message" => "",
                                     "backtrace" => [], "details" => { "k" => [1, 2**70] } } })]
      end

      def requests
        values.each_slice(3).map do |args|
          Codec.encode(["F::Svc", "echo", args, { k: args.first }, nil], envelope: Codec::ENVELOPE_REQUEST)
        end + [Codec.encode([Handle.from_wire(1), "echo", [], {}, nil]),
               Codec.encode(["F::Svc", "pass", [1], {}, 7])]
      end

      def yield_replies
        values.map { |v| Codec.encode([0, v], envelope: Codec::ENVELOPE_REPLY) } +
          [Codec.encode([1]), Codec.encode([2, "RuntimeError", "boom"])]
      end

      private

      # Values near every limit: the depth cap, int64's ends, bignums.
      def edge_values
        deep = (1..128).reduce(1) { |inner, _| [inner] }
        deep_hash = (1..128).reduce(1) { |inner, _| { k: inner } }
        [deep, deep_hash, [-(2**63), (2**63) - 1, 2**64, -(2**200)], Handle.from_wire(0xffff_ffff),
         "é" * 40, "\xff".b * 300, Array.new(17, 0), "x" * 70_000, (1..20).to_h { |i| [i.to_s, i] }]
      end

      # Containers only near the top, so trees stay small.
      def value(depth)
        return scalar if depth > 4 || @random.rand(12) < 9

        if @random.rand(2).zero?
          Array.new(@random.rand(0..5)) { value(depth + 1) }
        else
          Array.new(@random.rand(0..4)) { [value(depth + 1), value(depth + 1)] }.to_h
        end
      end

      def scalar = scalars[@random.rand(scalars.size)].call

      def scalars
        @scalars ||= [
          -> { [nil, true, false].sample(random: @random) },
          -> { @random.rand(-(2**40)..(2**40)) },
          -> { (2**@random.rand(60..300)) * [1, -1].sample(random: @random) },
          -> { @random.rand * 1e6 },
          -> { "s#{@random.rand(1000)}é" * @random.rand(1..3) },
          -> { @random.bytes(@random.rand(0..40)).b },
          -> { :"sym#{@random.rand(50)}" },
          -> { Handle.from_wire(@random.rand(1..Handle::MAX_ID)) },
          -> { [-(2**63), (2**63) - 1].sample(random: @random) }
        ]
      end
    end
  end
end
