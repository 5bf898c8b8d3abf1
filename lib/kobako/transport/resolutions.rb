# frozen_string_literal: true

module Kobako
  class Transport
    # What a (target, method name) of this invocation resolved to: the Method
    # the policy allowed and its parameter shape, so that the next call to the
    # same name skips the policy's surface checks and the shape of
    # `Method#parameters` (together ~60% of a Service call's Ruby time).
    #
    # It cannot go stale: every hit re-binds the method by name on the
    # receiver (Kernel#public_method, bound from Kernel) and compares it with
    # the cached one; Method#== holds only for the same receiver and the same
    # definition, so a method redefined, removed, made private, or shadowed
    # by a module prepended or a singleton method mid-invocation misses and
    # is judged afresh. The surface itself (a module mixed into Object) is
    # covered by the verdict cache's serial, and the object's own
    # `respond_to_guest?` is asked on every call, hit or miss. Only plain
    # hits are kept: methods answered by method_missing, or judged on a
    # Delegator's target, are judged every time. Only allowed methods are
    # kept, so a guest's made-up names never grow the table; it is emptied
    # by Transport#reset at every invocation.
    class Resolutions
      # callable: the allowed Method; symbol: its name as the guest sent it;
      # shape: Policy.shape(callable); sensitive: whether its arguments may
      # still refuse a call (Policy.argument_sensitive?); serial: the surface
      # it was judged against.
      Entry = Struct.new(:callable, :symbol, :shape, :sensitive, :serial)

      def initialize
        @table = {}
      end

      def clear
        @table = {} unless @table.empty?
      end

      # The Entry for what the guest may call on `receiver`, or nil. `key`
      # names the target on the wire (a Service path, or a Handle's id).
      def resolve(key, receiver, name)
        entry = @table[key]&.[](name)
        return hit(entry, receiver) if entry && current?(entry, receiver)

        # The serial before the check: should the check itself run host code
        # that mixes a module in (a respond_to_guest?), the entry never hits.
        serial = Policy::Verdicts.serial
        method = Policy.method_for(receiver, name) or return nil
        entry = Entry.new(method, name.to_sym, Policy.shape(method), Policy.argument_sensitive?(method), serial)
        keep(key, name, entry.freeze) if plain?(method, receiver)
        entry
      end

      private

      def hit(entry, receiver)
        Policy.guest_may_call?(receiver, entry.symbol) ? entry : nil
      end

      def current?(entry, receiver)
        entry.serial == Policy::Verdicts.serial &&
          Policy::PUBLIC_METHOD.bind_call(receiver, entry.symbol) == entry.callable
      rescue NameError
        false
      end

      def plain?(method, receiver)
        method.receiver.equal?(receiver) && !Policy::Surface.missing?(method)
      end

      # Hash#[]= keeps a frozen copy of a String key.
      def keep(key, name, entry)
        (@table[key] ||= {})[name] = entry
      end
    end
  end
end
