# frozen_string_literal: true

require_relative "hostile_helper"
require "forwardable"

# Forwardable and SingleForwardable: their def_delegator family compiles the
# accessor it is given as Ruby code, and their generated methods call the
# target with __send__.
class HostileForwardingTest < HostileTest
  # A class that forwards to an Account.
  class Wallet
    extend Forwardable
    def_delegators :@account, :balance, :deposit

    def initialize
      @account = Hostile::Account.new
    end
  end

  # Module-level forwarding, bound as a Service itself.
  module Registry
    extend SingleForwardable
    def_delegator :"Hostile::Account.new", :balance
  end

  def setup
    @sb = hostile_sandbox({ Fw: { Wallet: Wallet.new, WalletClass: Wallet, Registry: Registry } })
  end

  def test_forwarded_methods_work
    attempt_value(@sb, "[Fw::Wallet.balance, Fw::Wallet.deposit(1), Fw::Registry.balance]", [100, 101, 100])
  end

  def test_def_delegator_family_is_refused_on_a_forwardable_class
    %w[def_delegator def_delegators def_instance_delegator def_instance_delegators delegate
       instance_delegate].each do |name|
      refused(@sb, %{raw("Fw::WalletClass", "#{name}", ["system('#{Hostile::PWN}')", :x])})
    end
  end

  def test_def_delegator_family_is_refused_on_a_single_forwardable_module
    %w[def_delegator def_delegators def_single_delegator def_single_delegators single_delegate
       delegate].each do |name|
      refused(@sb, %{raw("Fw::Registry", "#{name}", ["system('#{Hostile::PWN}')", :x])})
    end
  end

  def test_reflection_through_a_forwarder_is_refused
    refused(@sb, %{raw("Fw::Wallet", "instance_variable_get", [:@account])})
    refused(@sb, %{raw("Fw::Wallet", "__send__", [:system, "#{Hostile::PWN}"])})
  end
end
