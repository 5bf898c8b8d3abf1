# frozen_string_literal: true

module Kobako
  module Fuzz
    # The host's readers of guest bytes, each with the only errors it may
    # raise (docs/wire.md, docs/values.md). Anything else coming out — an
    # untyped error, NoMemoryError, a crash — is a finding.
    module Targets
      # A Service for the request and yield-reply targets. #pass yields once
      # and reports what the host saw at its yield site.
      class Service
        attr_reader :untyped

        def initialize
          @untyped = []
        end

        def echo(*args, **kwargs) = [args, kwargs]

        def pass(*)
          yield(1)
        rescue SandboxError
          raise
        rescue Exception => e # rubocop:disable Lint/RescueException -- exactly what the fuzzer hunts
          @untyped << e
          raise
        end
      end

      # Codec.decode: a value or Codec::Error.
      class Decode
        def name = "Codec.decode"

        def call(bytes)
          Codec.decode(bytes)
        rescue Codec::Error
          nil
        end
      end

      # Outcome.read: a value or a Kobako::Error (TrapError "corrupted
      # outcome", or the error the outcome records).
      class Outcome
        def name = "Outcome.read"

        def call(bytes)
          Kobako::Outcome.read(bytes, "Sandbox#eval")
        rescue Kobako::Error
          nil
        end
      end

      # Transport#call on a Service request: always a reply, never an
      # exception; the reply is itself a well-formed message.
      class Request
        def initialize
          @catalog = Catalog.new
          @service = Service.new
          @catalog.define(:F).bind(:Svc, @service)
          @catalog.seal!
          @transport = Transport.new(@catalog)
        end

        def name = "Service request"

        # The guest's side of a yield, as the extension's Yielder gives it:
        # the block returned nil.
        BLOCK_RETURNED_NIL = Codec.encode([0, nil], envelope: Codec::ENVELOPE_REPLY)

        def call(bytes)
          check_reply(@transport.call(bytes, ->(_request) { BLOCK_RETURNED_NIL }))
        end

        private

        def check_reply(reply)
          status, = Codec.decode(reply, envelope: Codec::ENVELOPE_REPLY)
          return if [Transport::REPLY_OK, Transport::REPLY_ERROR].include?(status)

          raise "reply #{reply.inspect} is not a reply"
        end
      end

      # Transport#call for a request whose Service yields; the guest's yield
      # reply is the fuzzed input. The Service sees only SandboxErrors at its
      # yield site, the call always becomes a reply.
      class YieldReply < Request
        REQUEST = Codec.encode(["F::Svc", "pass", [], {}, 7], envelope: Codec::ENVELOPE_REQUEST)

        def name = "yield reply"

        def call(bytes)
          reply = @transport.call(REQUEST, ->(_request) { bytes })
          raise "untyped error at the yield site: #{@service.untyped.inspect}" unless @service.untyped.empty?

          status, = Codec.decode(reply, envelope: Codec::ENVELOPE_REPLY)
          raise "reply #{reply.inspect} is not a reply" unless (0..3).cover?(status)
        end
      end

      # Sandbox#preload(binary:) with mutated RITE bytecode, then an
      # invocation: BytecodeError (or another SandboxError), or a TrapError
      # (time/memory) — never a crash.
      class Preload
        def name = "preload(binary:)"

        def call(bytes)
          sandbox = Sandbox.new(timeout: 2.0, memory_limit: 32 << 20)
          sandbox.preload(binary: bytes)
          sandbox.eval("Object.const_defined?(:FuzzMarker) ? FuzzMarker : 0")
        rescue SandboxError, TrapError
          nil
        end
      end

      BYTES = [Decode, Outcome, Request, YieldReply].freeze
    end
  end
end
