# frozen_string_literal: true

require_relative "hostile_helper"
require "delegate"

# SimpleDelegator and DelegateClass bound as Services or returned by one.
# A Delegator's Kernel methods come from its private copy of Kernel and its
# method_missing falls back to Kernel itself: both once ran shell commands.
class HostileDelegatorsTest < HostileTest
  AccountDelegate = DelegateClass(Hostile::Account)

  # A delegator subclass adding a method of its own.
  class Decorated < SimpleDelegator
    def summary
      "#{owner}: #{balance}"
    end
  end

  def setup
    account = Hostile::Account.new
    @sb = hostile_sandbox({
                            Bank: { Acct: SimpleDelegator.new(account), Typed: AccountDelegate.new(account),
                                    Deco: Decorated.new(account), Maker: Maker.new,
                                    Nested: SimpleDelegator.new(SimpleDelegator.new(account)) }
                          })
  end

  # Returns delegators, so they also arrive as Handles.
  class Maker
    def simple = SimpleDelegator.new(Hostile::Account.new)
    def typed = DelegateClass(Hostile::Account).new(Hostile::Account.new)
  end

  def test_the_reported_exploit_to_enum_method_missing_system_is_refused
    refused_anywhere(@sb, %{Bank::Acct.to_enum(:method_missing, :system, "#{Hostile::PWN}").each {}})
    refused(@sb, %{raw("Bank::Acct", "to_enum", [:method_missing, :system, "#{Hostile::PWN}"])})
    refused(@sb, %{raw("Bank::Acct", "enum_for", [:method_missing, :system, "#{Hostile::PWN}"])})
  end

  def test_the_reported_exploit_instance_variable_get_through_method_missing_is_refused
    refused_anywhere(@sb, "Bank::Acct.to_enum(:method_missing, :instance_variable_get, :@api_key).each {}")
    refused(@sb, %{raw("Bank::Acct", "method_missing", [:instance_variable_get, :@api_key])})
    refused(@sb, %{raw("Bank::Acct", "method_missing", [:system, "#{Hostile::PWN}"])})
  end

  def test_kernel_copy_methods_of_a_delegator_are_refused
    %w[frozen? class instance_variables public_send send tap then itself object_id
       instance_variable_get display dup clone extend].each do |name|
      refused(@sb, %{raw("Bank::Acct", "#{name}", [:@api_key])})
    end
  end

  def test_a_delegator_forwards_what_the_target_allows
    attempt_value(@sb, "[Bank::Acct.balance, Bank::Typed.balance, Bank::Nested.balance, Bank::Acct.deposit(5)]",
                  [100, 100, 100, 105])
    attempt_value(@sb, "Bank::Deco.summary", "ada: 100")
  end

  def test_delegator_internals_are_refused
    %w[__getobj__ __setobj__ method_missing respond_to_missing? methods public_methods marshal_dump
       freeze !].each do |name|
      refused(@sb, %{raw("Bank::Acct", "#{name}", [1])})
    end
    refused(@sb, %{raw("Bank::Typed", "__setobj__", [1])})
  end

  def test_delegate_class_forwarders_of_kernel_methods_are_refused
    %w[instance_variable_get send public_send instance_eval define_singleton_method method
       singleton_class instance_variables].each do |name|
      refused(@sb, %{raw("Bank::Typed", "#{name}", [:@api_key])})
    end
  end

  def test_nested_delegators_are_judged_on_the_innermost_target
    refused(@sb, %{raw("Bank::Nested", "instance_variable_get", [:@api_key])})
    refused(@sb, %{raw("Bank::Nested", "frozen?")})
  end

  def test_delegators_returned_as_handles_are_judged_the_same
    attempt_value(@sb, "[Bank::Maker.simple.balance, Bank::Maker.typed.balance]", [100, 100])
    refused(@sb, %{raw(Bank::Maker.simple, "method_missing", [:system, "#{Hostile::PWN}"])})
    refused(@sb, %{raw(Bank::Maker.typed, "instance_variable_get", [:@api_key])})
  end

  def test_the_service_list_of_a_delegator_holds_only_the_targets_allowed_methods
    Hostile.count
    names = @sb.eval("[Bank::Acct.respond_to?(:balance), Bank::Acct.respond_to?(:frozen?), " \
                     "Bank::Acct.respond_to?(:__setobj__), Bank::Typed.respond_to?(:instance_variable_get)]")
    assert_equal [true, false, false, false], names
    assert_contained(@sb, nil)
  end
end
