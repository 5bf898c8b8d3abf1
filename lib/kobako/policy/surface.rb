# frozen_string_literal: true

module Kobako
  module Policy
    # The reflection and evaluation surface: what no guest reaches, whoever
    # defines it (docs/security.md, "Method policy").
    module Surface
      # Names refused on any receiver, also as an alias's original name.
      # Reflection (reading ivars, listing or fetching methods), evaluation
      # (eval/exec families, blocks run in the receiver's scope), dispatch by
      # name (send, try, to_enum: they call a method the policy never saw)
      # and changing an object's behaviour (extend, define_*, aliasing).
      NAMES = %i[
        send public_send try try! method methods public_method public_methods
        private_methods protected_methods singleton_method singleton_methods
        singleton_class method_missing respond_to_missing? respond_to? to_enum
        enum_for extend tap then yield_self binding const_get const_set
        const_defined? constants const_missing const_source_location
        remove_const class_variable_get class_variable_set
        class_variable_defined? class_variables remove_class_variable
        remove_method undef_method alias_method single_delegate
      ].to_h { |name| [name, true] }.freeze
      # Families by shape: `instance_*` (instance_eval, instance_variable_get…),
      # `define_*` and `def_*` (Forwardable's def_delegator compiles its
      # accessor argument as Ruby code), anything `*_eval`/`*_exec`, and `__*`
      # (`__send__`, `__getobj__`/`__setobj__` of a Delegator, `__id__`).
      PATTERN = /\A(?:instance_|define_|def_|__)|_(?:eval|exec)\z/

      # Receivers that are ambient authority as a whole (the process, its
      # files, every object in it): no method of theirs is a Service, even if
      # a host binds them or a Service returns them.
      AMBIENT = [
        ObjectSpace, GC, Process, Signal, RubyVM, Kernel, Marshal, IO, File, Dir, FileTest, ENV, ARGF,
        Thread, Fiber, TracePoint, Binding, Object, BasicObject, Module, Class, Comparable, Enumerable
      ].to_h { |mod| [mod, true] }.compare_by_identity.freeze

      module_function

      def ambient?(object)
        AMBIENT.key?(object)
      end

      def reflection_name?(name)
        NAMES.key?(name) || PATTERN.match?(name)
      end

      # Live: a module mixed into Object or Kernel after boot (ActiveSupport's
      # Tryable, pp, JSON's generator) is on the surface from then on. Every
      # module in the ancestry of Object is also in that of Class.
      def owner?(owner)
        (Class <= owner) == true
      end

      # Whether a module of the surface defines `name`, at any visibility.
      def defines?(name)
        Class.method_defined?(name) || Class.private_method_defined?(name)
      end

      # `alias run system` in a host class: the alias is named innocently, its
      # original is on the surface.
      def alias_of_surface?(method)
        original = method.original_name
        return false if original == method.name

        reflection_name?(original) || defines?(original)
      end

      # A method whose definition is the very one a surface module holds under
      # the same name: Delegator's private copy of Kernel, the singleton copies
      # `module_function` makes. UnboundMethod#hash fingerprints the definition
      # (not the owner); a collision can only refuse more.
      def copy?(method)
        name = method.original_name
        return false unless defines?(name)

        fingerprint = method.unbind.hash
        Class.ancestors.any? do |mod|
          defined = mod.method_defined?(name, false) || mod.private_method_defined?(name, false)
          defined && mod.instance_method(name).hash == fingerprint
        end
      end

      # A method the receiver answers only through method_missing. Such a
      # method may not carry a surface name: a forwarding method_missing
      # would hand it to Kernel.
      def missing?(method)
        !method.owner.public_method_defined?(method.name)
      end
    end
  end
end
