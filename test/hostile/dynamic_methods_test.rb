# frozen_string_literal: true

require_relative "hostile_helper"

# Objects with a public method_missing, aliases of surface methods under an
# innocent name, module_function copies of Kernel, and modules bound as
# Services.
class HostileDynamicMethodsTest < HostileTest
  # Forwards every unknown name to Kernel, the way a careless proxy does.
  class KernelProxy < BasicObject
    def method_missing(name, *args)
      ::Kernel.send(name, *args)
    end

    def respond_to_missing?(_name, _include_private = false) = true
  end

  # Forwards unknown names to a Hash of settings.
  class Settings
    def initialize
      @values = { "region" => "eu" }
      @api_key = Hostile::SECRET
    end

    def method_missing(name, *args)
      @values.fetch(name.to_s) { super }
    end

    def respond_to_missing?(name, include_private = false)
      @values.key?(name.to_s) || super
    end
  end

  # Innocent names for surface methods.
  class Aliased
    def initialize
      @api_key = Hostile::SECRET
    end

    alias run system
    alias peek instance_variable_get
    alias call_it public_send
    alias ivars instance_variables
    public :run
    define_method(:grab, Kernel.instance_method(:instance_variable_get))
    define_method(:shell, Kernel.instance_method(:system))
    public :shell

    def safe = :ok
  end

  # module_function copies of Kernel, reached as singleton methods.
  module Tools
    module_function

    def version = "1"
  end

  def setup
    @sb = hostile_sandbox({ Dyn: { Proxy: KernelProxy.new, Settings: Settings.new, Aliased: Aliased.new,
                                   Tools: Tools, Kernel: Kernel, Process: Process, ObjectSpace: ObjectSpace } })
  end

  def test_method_missing_cannot_reach_surface_names
    %w[system exec spawn eval require load open exit exit! abort fork sleep binding instance_variable_get
       puts format `].each do |name|
      refused(@sb, %{raw("Dyn::Proxy", "#{name}", ["#{Hostile::PWN}"])})
    end
  end

  def test_method_missing_answers_its_own_names
    attempt_value(@sb, "Dyn::Settings.region", "eu")
    refused(@sb, %{raw("Dyn::Settings", "method_missing", [:instance_variable_get, :@api_key])})
    refused(@sb, %{raw("Dyn::Settings", "to_json", [])})
  end

  def test_aliases_and_copies_of_surface_methods_are_refused
    %w[run peek call_it ivars grab shell].each do |name|
      refused(@sb, %{raw("Dyn::Aliased", "#{name}", ["#{Hostile::PWN}"])})
    end
    attempt_value(@sb, "Dyn::Aliased.safe", :ok)
  end

  def test_kernel_and_process_bound_as_services_expose_nothing_of_kernel
    %w[system exec spawn eval open exit fork binding instance_variable_get sleep].each do |name|
      refused(@sb, %{raw("Dyn::Kernel", "#{name}", ["#{Hostile::PWN}"])})
    end
    refused(@sb, %{raw("Dyn::Process", "spawn", ["#{Hostile::PWN}"])})
    refused(@sb, %{raw("Dyn::Process", "exit", [1])})
  end

  def test_ambient_modules_bound_as_services_answer_nothing
    refused(@sb, 'raw("Dyn::ObjectSpace", "each_object", [])')
    refused(@sb, 'raw("Dyn::ObjectSpace", "_id2ref", [8])')
    refused(@sb, 'raw("Dyn::ObjectSpace", "count_objects", [])')
    refused(@sb, 'raw("Dyn::Process", "pid", [])')
    refused(@sb, 'raw("Dyn::Tools", "module_function", [])')
    attempt_value(@sb, "Dyn::Tools.version", "1")
  end
end
