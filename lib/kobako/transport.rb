# frozen_string_literal: true

require "timeout"
require_relative "transport/lending"
require_relative "transport/disclosure"
require_relative "transport/resolutions"
require_relative "transport/invoke"

module Kobako
  # The dispatcher the native extension calls for every Service request
  # (docs/wire.md, "Services"): decode, resolve, check, call exactly once,
  # reply. Runs with the GVL held on the invoking thread.
  class Transport
    include WireStatus # REPLY_OK, YIELD_BROKE, … (lib/kobako/wire_status.rb)

    # Ends the whole invocation instead of becoming a guest exception.
    FATAL = [HandlerExhaustedError, TrapError].freeze

    # Where asynchronous exceptions (Thread#raise from another thread) land
    # while a Service call is served (docs/security.md, "Interrupts"). Once
    # delivered, a RuntimeError from a watchdog looks exactly like one the
    # Service raised, and every Service StandardError becomes a guest-rescuable
    # ServiceError; so a StandardError is held back while host code of the
    # call runs and delivered as the call ends, outside every rescue: it ends
    # the invocation unchanged. Timeout.timeout's own error is let through at
    # once (on Ruby 3.1 it unwinds by `throw`, which nothing here catches),
    # and so is everything that is not a StandardError (Thread#kill,
    # Interrupt, signals): none of them is ever turned into a reply.
    HOLD_INTERRUPTS = { StandardError => :never, Timeout::Error => :immediate }.freeze
    # While the guest runs a block the Service yielded to, interrupts arrive
    # at once: the native side tells them apart exactly (they are raised at
    # the GVL boundary), and the bridge ends the invocation with them.
    LET_INTERRUPTS = { StandardError => :immediate }.freeze

    # A guest exception re-raised at a host `yield` site (B-27).
    class BlockError < SandboxError; end

    # Guest requests that name nothing callable.
    class Refusal < StandardError
      attr_reader :error_class

      def initialize(message, error_class = "Kobako::NoServiceError")
        super(message)
        @error_class = error_class
      end
    end

    # The last exception a Service raised in this invocation, in full: the
    # guest saw only Disclosure.describe of it.
    attr_reader :calls, :failure

    def initialize(catalog)
      @catalog = catalog
      @lending = Lending.new(catalog)
      @resolutions = Resolutions.new
      @calls = 0
      @failure = nil
    end

    def reset
      @calls = 0
      @failure = nil
      @resolutions.clear
    end

    # B-34: #run's `[args, kwargs]` as one MessagePack blob, non-representable
    # objects lent as Handles. A Kobako::Handle, Binding, Method or
    # UnboundMethod is refused before anything runs.
    def run_arguments(args, kwargs)
      Codec.encode(@lending.lend([args, kwargs]), envelope: Codec::ENVELOPE_REQUEST)
    rescue TypeError => e
      raise ArgumentError, "#run argument refused: #{e.message}"
    end

    # B-37: Handles in an invocation's result come back as the host objects.
    def restore_result(value)
      @lending.restore(value)
    rescue Refusal => e
      raise SandboxError.new("the result holds #{e.message}", origin: "host")
    end

    # request (binary String), yielder → reply (binary String).
    def call(request, yielder)
      Thread.handle_interrupt(HOLD_INTERRUPTS) do
        @calls += 1
        reply = reply_to(request, yielder)
        begin
          Native::Codec.dump(reply, Codec::ENVELOPE_REPLY)
        rescue Codec::Error => e
          Codec.encode([REPLY_ERROR, "Kobako::ServiceError", "the result cannot cross the boundary: #{e.message}"])
        end
      end
    end

    private

    def reply_to(request, yielder)
      target, name, args, kwargs, block_id = parse(request)
      receiver = resolve_target(target)
      entry = @resolutions.resolve(target.is_a?(Handle) ? target.id : target, receiver, name) or
        raise Refusal, "undefined method '#{name}' for #{describe(target)}"
      args = @lending.restore(args)
      kwargs = @lending.restore(kwargs) unless kwargs.empty?
      check_arguments(entry, args, kwargs)
      perform(entry.callable, args, kwargs, block_id, yielder)
    rescue Refusal => e
      [REPLY_ERROR, e.error_class, e.message]
    end

    def check_arguments(entry, args, kwargs)
      problem = Policy.binding_error(entry.shape, args, kwargs) ||
                (entry.sensitive && Policy.dispatch_argument(entry.callable, args))
      raise Refusal.new(problem, "Kobako::ServiceArgumentError") if problem
    end

    def parse(request)
      # Straight to the native codec: the request is always a String here.
      fields = Native::Codec.load(request, Codec::ENVELOPE_REQUEST)
      return fields if well_formed?(fields)

      raise Refusal.new("malformed Service request", "Kobako::ServiceError")
    rescue Codec::Error => e
      raise Refusal.new("malformed Service request (#{e.message})", "Kobako::ServiceError")
    end

    # [target, method, args, kwargs, block id] (docs/wire.md, "Request").

    # Plain indexing: this runs on every Service call, and an Enumerator per
    # call cost more than the rest of the check.
    def well_formed?(fields)
      fields.is_a?(Array) && fields.size == 5 && target?(fields[0]) && fields[1].is_a?(String) &&
        fields[2].is_a?(Array) && fields[3].is_a?(Hash) && block_id?(fields[4])
    end

    def target?(field) = field.is_a?(String) || field.is_a?(Handle)

    def block_id?(field) = field.nil? || field.is_a?(Integer)

    def resolve_target(target)
      return @lending.restore(target) if target.is_a?(Handle)

      @catalog.service(target) or raise Refusal, "undefined Service #{target}"
    end

    def describe(target) = target.is_a?(Handle) ? "a Kobako::Handle" : target

    # The one call (B-12), and what became of it.
    def perform(method, args, kwargs, block_id, yielder)
      return [REPLY_OK, @lending.lend(Invoke.call(method, args, kwargs))] unless block_id

      block = BlockBridge.new(yielder, block_id, @lending)
      call_with_block(method, args, kwargs, block)
    rescue *FATAL
      raise
    rescue BlockError => e
      raise unless block&.raised?(e)

      [REPLY_BLOCK_RAISED, e.klass, e.message]
    rescue StandardError => e
      raise if block&.abort

      @failure = e
      [REPLY_ERROR, "Kobako::ServiceError", Disclosure.describe(e)]
    end

    def call_with_block(method, args, kwargs, block)
      broke = catch(block.tag) do
        return [REPLY_OK, @lending.lend(method.call(*args, **kwargs, &block.to_proc))]
      end
      broke && [REPLY_BROKE]
    ensure
      # The guest stopped, or an interrupt arrived, while it ran the block:
      # whatever the Service made of that, the invocation ends with it.
      raise block.abort if block.abort
    end

    # The Proc a Service receives for the guest's block: each call is a
    # synchronous round trip into the guest (B-23…B-30).
    class BlockBridge
      include WireStatus

      attr_reader :tag

      # What ended the guest's run of the block from outside (an interrupt,
      # a trap), or nil.
      attr_reader :abort

      def initialize(yielder, id, lending)
        @yielder = yielder
        @id = id
        @lending = lending
        @tag = Object.new
        @raised = {}.compare_by_identity
        @thread = Thread.current
        @abort = nil
      end

      def raised?(error)
        @raised.key?(error)
      end

      def to_proc
        bridge = self
        proc { |*args| bridge.run(args) }
      end

      def run(args)
        raise @abort if @abort

        # Straight to the native codec (both are Strings): once per yield.
        request = Native::Codec.dump([@id, @lending.lend(args)], Codec::ENVELOPE_REQUEST)
        status, value, message = Native::Codec.load(enter_guest(request), Codec::ENVELOPE_REPLY)
        case status
        when YIELD_OK then restore_block_value(value)
        when YIELD_BROKE then throw @tag, true # `break`: unwind the Service, ensure blocks run
        else raise_block_error(value, message)
        end
      end

      private

      # A Handle the guest made up reaches the Service as a SandboxError at
      # its `yield`, like every other bad block value.
      def restore_block_value(value)
        @lending.restore(value)
      rescue Refusal => e
        raise SandboxError.new("the block's value holds #{e.message}", origin: "host")
      end

      # Everything raised from here is not the block's doing (the block's own
      # exceptions come back as replies): a trap, or an interrupt delivered
      # while the guest ran. Misuse (a call after the Service returned, or
      # from another thread) stays an ordinary error.
      def enter_guest(request)
        Thread.handle_interrupt(LET_INTERRUPTS) { @yielder.call(request) }
      rescue LocalJumpError, ThreadError
        raise
      rescue Exception => e # rubocop:disable Lint/RescueException -- interrupts are what this is for
        @abort = e if Thread.current == @thread
        raise
      end

      def raise_block_error(klass, message)
        error = BlockError.new("#{klass}: #{message}", klass: klass.to_s)
        @raised[error] = true
        raise error
      end
    end
    private_constant :BlockBridge
  end
end
