# frozen_string_literal: true

# Run by test/hostile/active_support_test.rb in its own Ruby process: with
# ActiveSupport's core extensions loaded, every object gains `try`, `try!`,
# `instance_values`, `to_json`, `as_json`, `presence`, `in?`… through modules
# mixed into Object (prepended, even). Loaded into the main test process they
# would change every other test, hence the separate process.
require "active_support"
require "active_support/core_ext"
require_relative "../hostile_helper"

class HostileActiveSupportTest < HostileTest
  # A Rails-style Service: plain methods, everything else from the extensions.
  class Orders
    def initialize
      @api_key = Hostile::SECRET
    end

    def count = 3
    def recent = [{ "id" => 1 }]
    def order = Hostile::Account.new
    def window = 5.minutes
    def config = ActiveSupport::OrderedOptions.new.tap { |o| o.region = "eu" }
    def stamp = Time.utc(2024, 1, 1).in_time_zone("UTC")
    def settings = ActiveSupport::InheritableOptions.new(region: "eu")
  end

  def setup
    @sb = hostile_sandbox({ Shop: { Orders: Orders.new, OrdersClass: Orders } })
  end

  def test_the_reported_exploit_try_send_system_is_refused
    refused_anywhere(@sb, %{Shop::Orders.try(:send, :system, "#{Hostile::PWN}")})
    refused(@sb, %{raw("Shop::Orders", "try", [:send, :system, "#{Hostile::PWN}"])})
    refused(@sb, %{raw("Shop::Orders", "try!", [:send, :system, "#{Hostile::PWN}"])})
    refused(@sb, %{raw("Shop::Orders", "try", [:instance_variable_get, :@api_key])})
  end

  def test_object_extensions_are_refused
    %w[instance_values instance_variable_names to_json as_json to_param to_query presence presence_in in?
       blank? present? deep_dup duplicable? acts_like? html_safe? with_options pretty_inspect to_yaml
       instance_variables_hash].each do |name|
      refused(@sb, %{raw("Shop::Orders", "#{name}", [])})
    end
  end

  def test_object_extensions_on_handles_are_refused
    %w[try instance_values to_json as_json presence in?].each do |name|
      refused(@sb, %{raw(Shop::Orders.order, "#{name}", [:instance_variable_get, :@api_key])})
    end
  end

  def test_module_extensions_on_a_bound_class_are_refused
    %w[delegate delegate_missing_to mattr_accessor cattr_accessor class_attribute attr_internal
       redefine_method silence_redefinition_of_method module_parent anonymous? deep_dup].each do |name|
      refused(@sb, %{raw("Shop::OrdersClass", "#{name}", [:count])})
    end
  end

  def test_the_services_own_methods_still_work
    attempt_value(@sb, "[Shop::Orders.count, Shop::Orders.recent]", [3, [{ "id" => 1 }]])
    attempt_value(@sb, "Shop::Orders.order.balance", 100)
  end

  def test_active_support_values_returned_as_handles_are_judged_the_same
    refused(@sb, %{raw(Shop::Orders.window, "method_missing", [:instance_variable_get, :@value])})
    refused(@sb, %{raw(Shop::Orders.window, "send", [:system, "#{Hostile::PWN}"])})
    refused(@sb, %{raw(Shop::Orders.stamp, "method_missing", [:instance_variable_get, :@utc])})
    refused(@sb, %{raw(Shop::Orders.stamp, "try", [:send, :system, "#{Hostile::PWN}"])})
    refused(@sb, %{raw(Shop::Orders.stamp, "method_missing", [:instance_eval, "1"])})
    # Hash subclasses (OrderedOptions, InheritableOptions) cross as plain Hashes.
    attempt_value(@sb, "[Shop::Orders.config.class.name, Shop::Orders.config[:region]]", %w[Hash eu])
    attempt_value(@sb, "Shop::Orders.settings.class.name", "Hash")
  end
end
