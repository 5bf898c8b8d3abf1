# frozen_string_literal: true

module Kobako
  class Transport
    # Converts between host objects and what the wire carries: any object the
    # wire cannot represent is lent to the guest as a fresh Handle (B-14,
    # B-15), and Handles coming back are resolved (B-16) — at any depth.
    class Lending
      # Capabilities to run or inspect host code are never lent (B-13).
      REFUSED = [Binding, Method, UnboundMethod].freeze

      def initialize(catalog)
        @catalog = catalog
      end

      # `path` (the containers being walked, for cycles) is made at the first
      # container: a Service result is most often a scalar, and a Hash per
      # call was a tenth of a call's Ruby time.
      def lend(value, depth = 0, path = nil)
        case value
        when nil, true, false, Integer, Float, String, Symbol then value
        when Array, Hash then lend_container(value, depth, path)
        when Handle then raise ArgumentError, "a Kobako::Handle cannot be passed back into a sandbox"
        when *REFUSED then raise TypeError, "a #{value.class} cannot be lent to the guest"
        else @catalog.mint(value)
        end
      end

      # A value with no Handle in it (the common case) is returned as it is:
      # decoded values are fresh, acyclic and at most 130 levels deep, so the
      # one walk that checks it costs less than the copy it saves.
      def restore(value)
        handle_free?(value) ? value : restore_each(value)
      end

      private

      def restore_each(value)
        case value
        when Handle
          raise Refusal, "a stale or unknown Kobako::Handle" unless @catalog.handle?(value)

          @catalog.resolve(value)
        when Array then value.map { |v| restore_each(v) }
        when Hash then value.to_h { |k, v| [restore_each(k), restore_each(v)] }
        else value
        end
      end

      def handle_free?(value)
        case value
        when Handle then false
        when Array then value.all? { |v| handle_free?(v) }
        when Hash then value.all? { |k, v| handle_free?(k) && handle_free?(v) }
        else true
        end
      end

      # An Array or Hash of scalars only. A compare_by_identity Hash is not:
      # #lend_hash makes it a plain one (equal keys merge).
      def flat?(value)
        if value.is_a?(Array)
          value.all? { |v| scalar?(v) }
        else
          !value.compare_by_identity? && value.all? { |k, v| scalar?(k) && scalar?(v) }
        end
      end

      # `case`, as in #lend: Module#=== asks nothing of the value (it may be
      # a BasicObject, or answer #== as it likes).
      def scalar?(value)
        case value
        when nil, true, false, Integer, Float, String, Symbol then true
        else false
        end
      end

      def lend_container(value, depth, path)
        # Block arguments and most results are flat: kept as they are, no copy.
        return value if flat?(value)

        nested(value, depth, path ||= {}.compare_by_identity) do
          value.is_a?(Array) ? value.map { |v| lend(v, depth + 1, path) } : lend_hash(value, depth, path)
        end
      end

      def lend_hash(hash, depth, path)
        hash.to_h { |k, v| [lend(k, depth + 1, path), lend(v, depth + 1, path)] }
      end

      # Cycles and depth are the codec's to report; stop before recursing forever.
      def nested(value, depth, path)
        return value if path.key?(value) || depth > Codec::MAX_DEPTH

        path[value] = true
        begin
          yield
        ensure
          path.delete(value)
        end
      end
    end
  end
end
