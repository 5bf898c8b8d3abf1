# frozen_string_literal: true

module Kobako
  module Policy
    # Delegators (stdlib `delegate`: SimpleDelegator, DelegateClass) bound as
    # Services or returned by one. Their forwarding reaches the wrapped object
    # by `__send__`, and their method_missing falls back to a private copy of
    # Kernel, so no method of theirs is judged on the delegator: the call is
    # judged, and made, on the wrapped object instead.
    module Delegation
      # The wrapped object could not be had.
      NONE = Object.new.freeze
      # A Delegator wrapping a Delegator…: stop unwrapping here.
      MAX_DEPTH = 8

      module_function

      def delegator?(object)
        # Module#=== asks nothing of the object, which may answer anything.
        (defined?(::Delegator) && ::Delegator === object) == true # rubocop:disable Style/CaseEquality
      end

      # Whether calling `method` on `object` would only forward: a method of
      # Delegator itself, of its Kernel copy, of a class that holds the target
      # (SimpleDelegator, a DelegateClass), or one answered by method_missing.
      # A method a Delegator subclass writes itself is the host's own code.
      def forwarded?(object, method)
        return false unless delegator?(object)

        owner = method.owner
        Surface.missing?(method) || ::Delegator.ancestors.include?(owner) ||
          (owner.is_a?(Class) && owner <= ::Delegator && owner.method_defined?(:__getobj__, false))
      end

      def target(object, depth)
        return NONE if depth >= MAX_DEPTH

        ::Delegator.instance_method(:__send__).bind_call(object, :__getobj__)
      rescue StandardError
        NONE
      end

      # The names a delegator answers for (its own and its target's).
      def public_methods(object)
        if delegator?(object)
          ::Delegator.instance_method(:public_methods).bind_call(object)
        else
          PUBLIC_METHODS.bind_call(object)
        end
      end
    end
  end
end
