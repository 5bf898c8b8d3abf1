# Method visibility, the Ruby side (docs/ruby.md, "Method visibility"): the
# listings and predicates CRuby scripts ask about visibility, over
# Module#__kobako_visibility and Kobako.__visibility (wasm/c/visibility.c,
# which also holds private/protected/public, the VM's check and
# respond_to?). mruby's own listings include every method, so each is
# filtered by what the method lookup finds for the name.

class Module
  alias __kobako_instance_methods instance_methods
  private :__kobako_instance_methods

  def instance_methods(all = true)
    __kobako_instance_methods(all).reject { |name| __kobako_visibility(name) == :private }
  end

  def public_instance_methods(all = true)
    __kobako_instance_methods(all).select { |name| __kobako_visibility(name) == :public }
  end

  def protected_instance_methods(all = true)
    __kobako_instance_methods(all).select { |name| __kobako_visibility(name) == :protected }
  end

  def private_instance_methods(all = true)
    __kobako_instance_methods(all).select { |name| __kobako_visibility(name) == :private }
  end

  # Public or protected, as in CRuby.
  def method_defined?(name, inherit = true)
    vis = __kobako_visibility(name, inherit)
    vis == :public || vis == :protected
  end

  def public_method_defined?(name, inherit = true)
    __kobako_visibility(name, inherit) == :public
  end

  def protected_method_defined?(name, inherit = true)
    __kobako_visibility(name, inherit) == :protected
  end

  def private_method_defined?(name, inherit = true)
    __kobako_visibility(name, inherit) == :private
  end
end

module Kernel
  alias __kobako_methods methods
  alias __kobako_singleton_methods singleton_methods
  private :__kobako_methods, :__kobako_singleton_methods

  def methods(regular = true)
    __kobako_methods(regular).reject { |name| Kobako.__visibility(self, name) == :private }
  end

  def singleton_methods(all = true)
    __kobako_singleton_methods(all).reject { |name| Kobako.__visibility(self, name) == :private }
  end

  def public_methods(all = true)
    __kobako_methods(all).select { |name| Kobako.__visibility(self, name) == :public }
  end

  def protected_methods(all = true)
    __kobako_methods(all).select { |name| Kobako.__visibility(self, name) == :protected }
  end

  def private_methods(all = true)
    __kobako_methods(all).select { |name| Kobako.__visibility(self, name) == :private }
  end
end

# CRuby's Kernel functions (puts, p, rand, require, Rational, ...) are
# module functions: private instance methods, public singleton methods
# (`Kernel.puts`; the literal `3r` compiles to Kernel.Rational(3)). Those
# wasm/mrblib writes under `private` get their public copy here, last.
module Kernel
  module_function(*private_instance_methods(false).reject { |name| name.to_s.start_with?("__") })
end
