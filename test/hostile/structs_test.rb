# frozen_string_literal: true

require_relative "hostile_helper"
require "ostruct"

# OpenStruct and Struct values returned by Services (they cross as Handles).
# OpenStruct defines a `!` alias of every method on itself, Kernel's
# included: `send!`, `instance_eval!`, `instance_variable_get!`…
class HostileStructsTest < HostileTest
  Point = Struct.new(:x, :y)
  Keyed = Struct.new(:name, :secret, keyword_init: true)

  # Hands out the values a Rails app commonly returns.
  class Factory
    def settings = OpenStruct.new(region: "eu", token: Hostile::SECRET) # rubocop:disable Style/OpenStructUse
    def point = Point.new(1, 2)
    def keyed = Keyed.new(name: "n", secret: "s")
  end

  def setup
    @sb = hostile_sandbox({ App: { Make: Factory.new, PointClass: Point } })
  end

  def test_openstruct_bang_aliases_of_kernel_are_refused
    %w[send! public_send! instance_eval! instance_exec! instance_variable_get! instance_variables!
       method! methods! singleton_class! extend! define_singleton_method! tap! then! freeze! dup!
       respond_to?! object_id! display! itself!].each do |name|
      refused(@sb, %{raw(App::Make.settings, "#{name}", [:system, "#{Hostile::PWN}"])})
    end
  end

  def test_openstruct_bang_aliases_through_the_proxy_are_refused
    refused(@sb, %{App::Make.settings.send!(:system, "#{Hostile::PWN}")})
    refused(@sb, 'App::Make.settings.instance_eval!("@table")')
  end

  def test_openstruct_internals_are_refused
    %w[table! modifiable? new_ostruct_member! method_missing respond_to_missing? instance_variable_get
       freeze! __send__ instance_variable_set].each do |name|
      refused(@sb, %{raw(App::Make.settings, "#{name}", [:region])})
    end
  end

  def test_openstruct_fields_remain_readable
    attempt_value(@sb, "s = App::Make.settings; [s.region, s[:region], s.to_h.keys, s.dig(:region)]",
                  ["eu", "eu", %i[region token], "eu"])
  end

  def test_struct_reflection_is_refused
    %w[send instance_variable_get instance_eval method singleton_class define_singleton_method
       extend tap then to_enum].each do |name|
      refused(@sb, %{raw(App::Make.point, "#{name}", [:x])})
    end
  end

  def test_struct_members_remain_usable
    attempt_value(@sb, "p = App::Make.point; [p.x, p[:y], p.to_a, p.members, p == p]",
                  [1, 2, [1, 2], %i[x y], true])
  end

  def test_a_bound_struct_class_does_not_open_class_reflection
    %w[class_eval instance_method define_method const_get ancestors instance_methods superclass
       allocate attr_accessor include].each do |name|
      refused(@sb, %{raw("App::PointClass", "#{name}", [:x])})
    end
  end
end
