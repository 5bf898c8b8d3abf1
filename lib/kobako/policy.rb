# frozen_string_literal: true

module Kobako
  # Which host methods a guest may call (B-42, B-50), and whether a call's
  # arguments bind to the method's parameters (ServiceArgumentError).
  module Policy
    # Methods these own are reflection and evaluation, never Services.
    FLOOR = [BasicObject, Kernel, Object, Module, Class].freeze
    CALLABLES = [Proc, Method, UnboundMethod, Binding].freeze
    CALLABLE_METHODS = %i[call [] yield arity lambda?].freeze
    # Bound from Kernel so an object that redefines #public_method or
    # #respond_to? cannot answer for itself.
    PUBLIC_METHOD = Kernel.instance_method(:public_method)
    PUBLIC_METHODS = Kernel.instance_method(:public_methods)
    RESPOND_TO = Kernel.instance_method(:respond_to?)
    SEND = BasicObject.instance_method(:__send__)

    module_function

    # The Method the guest may call, or nil when refused.
    def method_for(object, name)
      method = PUBLIC_METHOD.bind_call(object, name.to_sym)
      allowed?(object, method) ? method : nil
    rescue NameError, TypeError
      nil
    end

    # Method names for the guest proxy's local `respond_to?`.
    def guest_methods(object)
      PUBLIC_METHODS.bind_call(object).select { |name| method_for(object, name) }.map(&:to_s).sort
    rescue TypeError
      []
    end

    def allowed?(object, method)
      owner = method.owner
      return false if FLOOR.include?(owner)
      return false if CALLABLES.include?(owner) && !CALLABLE_METHODS.include?(method.name)

      guest_may_call?(object, method.name)
    end

    # B-50: an object may narrow what the guest reaches; it never widens.
    def guest_may_call?(object, name)
      return true unless RESPOND_TO.bind_call(object, :respond_to_guest?, true)

      SEND.bind_call(object, :respond_to_guest?, name) ? true : false
    end

    # Why `args`/`kwargs` do not bind to `method`, or nil when they do.
    def argument_error(method, args, kwargs)
      shape = method.parameters.group_by(&:first).transform_values { |ps| ps.map(&:last) }
      return arity_error(shape, args.size + (kwargs.empty? ? 0 : 1)) unless keywords?(shape)

      [arity_error(shape, args.size), missing_keywords(shape, kwargs), unknown_keywords(shape, kwargs)].compact.first
    end

    # Without keyword parameters, Ruby 3 passes keywords as one more positional Hash.
    def keywords?(shape)
      shape.key?(:key) || shape.key?(:keyreq) || shape.key?(:keyrest)
    end

    def arity_error(shape, given)
      required = shape.fetch(:req, []).size
      optional = shape.fetch(:opt, []).size
      return nil if given >= required && (shape.key?(:rest) || given <= required + optional)

      expected = if shape.key?(:rest) then "#{required}+"
                 elsif optional.zero? then required.to_s
                 else
                   "#{required}..#{required + optional}"
                 end
      "wrong number of arguments (given #{given}, expected #{expected})"
    end

    def missing_keywords(shape, kwargs)
      missing = shape.fetch(:keyreq, []) - kwargs.keys
      missing.any? ? "missing keyword#{'s' if missing.size > 1}: #{missing.map(&:inspect).join(', ')}" : nil
    end

    def unknown_keywords(shape, kwargs)
      return nil if shape.key?(:keyrest)

      unknown = kwargs.keys - shape.fetch(:keyreq, []) - shape.fetch(:key, [])
      unknown.any? ? "unknown keyword#{'s' if unknown.size > 1}: #{unknown.map(&:inspect).join(', ')}" : nil
    end
  end
end
