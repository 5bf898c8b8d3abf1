# frozen_string_literal: true

module Kobako
  # What a Sandbox lends its guests: the Services bound during setup and, for
  # the length of one invocation, the host objects handed out as Handles.
  class Catalog
    NAME = /\A[A-Z]\w*\z/
    # B-21: ids are signed 32-bit on the guest side of some callers; stop there.
    HANDLE_LIMIT = (2**31) - 1
    # The guest's own runtime lives under Kobako; a Service there would shadow it.
    RESERVED = %w[Kobako].freeze

    # Injectable so a test can reach the cap without 2**31 objects.
    attr_accessor :handle_limit

    def self.constant_name(name, what)
      text = name.is_a?(Symbol) || name.is_a?(String) ? name.to_s : nil
      return text if text&.match?(NAME)

      raise ArgumentError, "#{what} must be a Symbol or String matching #{NAME.inspect}, got #{name.inspect}"
    end

    # docs/behaviours.md §2.4: a #run target names a top-level constant, nothing else.
    def self.entrypoint_name(target)
      unless target.is_a?(Symbol) || target.is_a?(String)
        raise TypeError, "#run target must be a Symbol or String, got #{target.class}"
      end
      return target.to_s if target.to_s.match?(NAME)

      raise ArgumentError, "#run target must name a top-level constant (#{NAME.inspect}), got #{target.inspect}"
    end

    def initialize
      @namespaces = {}
      @sealed = false
      @handle_limit = HANDLE_LIMIT
      @handles = []
    end

    def define(name)
      check_open!("define")
      key = Catalog.constant_name(name, "namespace name")
      raise ArgumentError, "namespace name #{key} is reserved for kobako itself" if RESERVED.include?(key)

      @namespaces[key] ||= Namespace.new(key, self)
    end

    def check_open!(what)
      return unless @sealed

      raise ArgumentError, "#{what} after the first invocation: the sandbox's setup is sealed (B-33)"
    end

    # B-33: the first invocation freezes the setup, even when it fails.
    def seal!
      return if @sealed

      @sealed = true
      @services = build_services.freeze
      @lookup = @namespaces.values.flat_map do |ns|
        ns.members.map { |member, object| ["#{ns.name}::#{member}", object] }
      end.to_h.freeze
    end

    def sealed?
      @sealed
    end

    # `[namespace, member, [method names]]` for the invocation frame.
    def services
      @services || build_services
    end

    def service(path)
      @lookup&.fetch(path, nil)
    end

    # Cheap after the seal: the services list is computed once then.
    def empty?
      services.empty?
    end

    # Handles live for one invocation (B-15, B-18).
    def reset_handles
      @handles = [] unless @handles.empty?
    end

    def mint(object)
      if @handles.size >= @handle_limit
        raise HandlerExhaustedError, "Handle ids exhausted: more than #{@handle_limit} Handles in one invocation"
      end

      @handles << object
      Handle.from_wire(@handles.size)
    end

    # Whether this invocation has lent any Handle yet.
    def lent?
      !@handles.empty?
    end

    def handle?(handle)
      handle.id.between?(1, @handles.size)
    end

    def resolve(handle)
      @handles.fetch(handle.id - 1)
    end

    private

    def build_services
      @namespaces.values.flat_map do |ns|
        ns.members.map { |member, object| [ns.name, member, Policy.guest_methods(object)] }
      end
    end
  end
end
