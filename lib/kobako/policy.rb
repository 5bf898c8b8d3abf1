# frozen_string_literal: true

require_relative "policy/surface"
require_relative "policy/delegation"
require_relative "policy/verdicts"

module Kobako
  # Which host methods a guest may call, decided on the host alone (the rule
  # and its reasons: docs/security.md, "Method policy"), and whether a call's
  # arguments bind to the method's parameters (ServiceArgumentError).
  #
  # Default deny: a method is callable only if it is public, its name (and,
  # for an alias, its original name) is not a reflection name, its owner is
  # not on the reflection surface (every module in the ancestry of `Class`,
  # hence of Object, Kernel and BasicObject, as it is at call time), and its
  # definition is not a copy of a surface method (Delegator's private Kernel,
  # `module_function` copies). A Delegator forwards only what its target's
  # own policy allows.
  module Policy
    CALLABLES = [Proc, Method, UnboundMethod, Binding].freeze
    CALLABLE_METHODS = %i[call [] yield arity lambda?].freeze
    # Bound from Kernel so an object that redefines #public_method or
    # #respond_to? cannot answer for itself. Kernel's methods bind to any
    # object, BasicObject descendants (Delegator) included.
    PUBLIC_METHOD = Kernel.instance_method(:public_method)
    PUBLIC_METHODS = Kernel.instance_method(:public_methods)
    RESPOND_TO = Kernel.instance_method(:respond_to?)
    SEND = BasicObject.instance_method(:__send__)

    module_function

    # The Method the guest may call, or nil when refused. `name` is whatever
    # the guest sent (a String off the wire, or a Symbol).
    def method_for(object, name, depth = 0)
      name = name.to_sym
      return nil if Surface.reflection_name?(name) || Surface.ambient?(object)

      method = PUBLIC_METHOD.bind_call(object, name)
      return nil unless allowed?(object, method)
      return method unless Delegation.forwarded?(object, method)

      target = Delegation.target(object, depth)
      target.equal?(Delegation::NONE) ? nil : method_for(target, name, depth + 1)
    rescue NameError, TypeError
      nil
    end

    # Method names for the guest proxy's local `respond_to?`.
    def guest_methods(object)
      Delegation.public_methods(object).select { |name| method_for(object, name) }.map(&:to_s).sort
    rescue TypeError
      []
    end

    def allowed?(object, method)
      Verdicts.fetch(method) { definition_allowed?(method) } && guest_may_call?(object, method.name)
    end

    # What depends only on the method's definition and the surface, not on
    # the receiver (cached by Verdicts).
    def definition_allowed?(method)
      owner = method.owner
      return false if Surface.owner?(owner)
      return false if Surface.missing?(method) && Surface.defines?(method.name)
      return false if CALLABLES.include?(owner) && !CALLABLE_METHODS.include?(method.name)

      !Surface.alias_of_surface?(method) && !Surface.copy?(method)
    end

    # An object may narrow what the guest reaches; it never widens.
    def guest_may_call?(object, name)
      return true unless RESPOND_TO.bind_call(object, :respond_to_guest?, true)

      SEND.bind_call(object, :respond_to_guest?, name) ? true : false
    end

    # Enumerable#inject(:name) calls that method on host objects (the
    # accumulator may be a Handle's object) by name, past this policy; and
    # #to_set(klass, …) instantiates whatever class it is handed.
    BY_NAME = %i[inject reduce].freeze

    # Whether #dispatch_argument may refuse a call of `method` at all (once
    # per resolved method).
    def argument_sensitive?(method)
      name = method.original_name
      BY_NAME.include?(name) || name == :to_set
    end

    # Why the call is refused for what its arguments would make the method
    # do, or nil.
    def dispatch_argument(method, args)
      name = method.original_name
      if BY_NAME.include?(name) && args.any? { |arg| arg.is_a?(Symbol) || arg.is_a?(String) }
        "#{method.name} with a method name is refused: it would call a method by name"
      elsif name == :to_set && !args.empty?
        "to_set with a class is refused: it would instantiate a host class"
      end
    end

    # A parameter kind the method does not have (no Array per check).
    NONE = [].freeze

    # Why `args`/`kwargs` do not bind to `method`, or nil when they do.
    def argument_error(method, args, kwargs)
      binding_error(shape(method), args, kwargs)
    end

    # What #binding_error needs of a method: its parameters by kind
    # ({req: [:a], key: [:b]…}), and for a method without keyword parameters
    # the positional counts it accepts (fewest, most; most nil with a rest).
    Shape = Struct.new(:kinds, :fewest, :most, :keywords)

    # Computed once per resolved method (Transport::Resolutions) instead of
    # once per call; frozen.
    def shape(method)
      kinds = method.parameters.group_by(&:first).transform_values { |ps| ps.map(&:last).freeze }.freeze
      fewest = kinds.fetch(:req, NONE).size
      most = kinds.key?(:rest) ? nil : fewest + kinds.fetch(:opt, NONE).size
      Shape.new(kinds, fewest, most, keywords?(kinds)).freeze
    end

    # #argument_error against a Shape from #shape.
    def binding_error(shape, args, kwargs)
      return positional_error(shape, args.size + (kwargs.empty? ? 0 : 1)) unless shape.keywords

      kinds = shape.kinds
      arity_error(kinds, args.size) || missing_keywords(kinds, kwargs) || unknown_keywords(kinds, kwargs)
    end

    # Without keyword parameters, Ruby 3 passes keywords as one more positional Hash.
    def positional_error(shape, given)
      return nil if given >= shape.fewest && (shape.most.nil? || given <= shape.most)

      arity_error(shape.kinds, given)
    end

    def keywords?(shape)
      shape.key?(:key) || shape.key?(:keyreq) || shape.key?(:keyrest)
    end

    def arity_error(shape, given)
      required = shape.fetch(:req, NONE).size
      optional = shape.fetch(:opt, NONE).size
      return nil if given >= required && (shape.key?(:rest) || given <= required + optional)

      expected = if shape.key?(:rest) then "#{required}+"
                 elsif optional.zero? then required.to_s
                 else
                   "#{required}..#{required + optional}"
                 end
      "wrong number of arguments (given #{given}, expected #{expected})"
    end

    def missing_keywords(shape, kwargs)
      missing = shape.fetch(:keyreq, NONE) - kwargs.keys
      missing.any? ? "missing keyword#{'s' if missing.size > 1}: #{missing.map(&:inspect).join(', ')}" : nil
    end

    def unknown_keywords(shape, kwargs)
      return nil if shape.key?(:keyrest)

      unknown = kwargs.keys - shape.fetch(:keyreq, NONE) - shape.fetch(:key, NONE)
      unknown.any? ? "unknown keyword#{'s' if unknown.size > 1}: #{unknown.map(&:inspect).join(', ')}" : nil
    end
  end
end
