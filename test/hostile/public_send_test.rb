# frozen_string_literal: true

require_relative "hostile_helper"

# public_send, send and __send__ on Service proxies and Handles: each does
# what the plain call would, so the request the host receives names the
# method itself and the host's policy judges it exactly as a direct call.
# Every refused name is tried twice: with the guest's fast path (refused
# locally) and with that fast path removed by the script, where only the
# host stands between the name and the object.
class HostilePublicSendTest < HostileTest
  # The script removes the guest's own refusals (the names list and the
  # visibility check of the proxies' send): what is left is the host.
  NO_FAST_PATH = <<~RUBY
    Kobako.send(:remove_const, :DENIED)
    Kobako.const_set(:DENIED, {})
    def Kobako.__visibility(*) = :public
  RUBY

  REFUSED = [
    "public_send(:instance_variable_get, :@api_key)",
    "public_send(:instance_eval, \"system('#{Hostile::PWN}')\")",
    "public_send(:send, :instance_variable_get, :@api_key)",
    "public_send(:__send__, :instance_variable_get, :@api_key)",
    "public_send(:public_send, :instance_variable_get, :@api_key)",
    "send(:instance_variable_get, :@api_key)",
    "send(:public_send, :instance_exec) { system('#{Hostile::PWN}') }",
    "__send__(:public_send, :instance_variable_get, :@api_key)",
    "public_send(:method, :add)",
    "public_send(:define_singleton_method, :x) { 1 }",
    'public_send("instance_variables")',
    "public_send(:class_eval, \"system('#{Hostile::PWN}')\")"
  ].freeze

  def setup
    @sb = hostile_sandbox({ Svc: { Counter: Hostile::Counter.new } })
  end

  def test_public_send_and_send_call_what_a_direct_call_would
    attempt_value(@sb, "Svc::Counter.public_send(:add, 1, 2)", 3)
    attempt_value(@sb, 'Svc::Counter.public_send("add", 2, 3)', 5)
    attempt_value(@sb, "Svc::Counter.send(:add, 3, 4)", 7)
    attempt_value(@sb, "Svc::Counter.public_send(:each_item) { |x| x + 1 }", 2)
    attempt_value(@sb, "Svc::Counter.public_send(:__send__, :add, 1, 1)", 2)
    attempt_value(@sb, "%i[add add].map { |m| Svc::Counter.public_send(m, 1, 2) }", [3, 3])
    attempt_value(@sb, "Svc::Counter.public_send(:account).public_send(:balance)", 100)
  end

  def test_refused_names_are_refused_through_every_send
    REFUSED.each do |call|
      refused_anywhere(@sb, "Svc::Counter.#{call}")
      refused_anywhere(@sb, "Svc::Counter.account.#{call}")
    end
  end

  def test_the_host_refuses_them_when_the_guest_does_not
    REFUSED.each do |call|
      refused(@sb, "#{NO_FAST_PATH}Svc::Counter.#{call}")
      refused(@sb, "#{NO_FAST_PATH}Svc::Counter.account.#{call}")
    end
  end

  def test_private_methods_are_refused
    # The host object's private method: refused by the host's policy.
    refused(@sb, "Svc::Counter.public_send(:reset!)")
    refused(@sb, "Svc::Counter.send(:reset!)")
    refused(@sb, "#{NO_FAST_PATH}Svc::Counter.public_send(:reset!)")
    # The proxy's own private initialize (it would re-point the proxy in the guest).
    %w[public_send send __send__].each do |send|
      attempt(@sb, %{Svc::Counter.#{send}(:initialize, "Svc::Other", {})},
              raises: Kobako::SandboxError, klass: "NoMethodError", message: /private method 'initialize'/)
    end
  end

  def test_raw_public_send_requests_are_refused
    [%w[public_send add], %w[public_send instance_variable_get], %w[send add], %w[__send__ add]].each do |name, inner|
      refused(@sb, "raw('Svc::Counter', #{name.inspect}, [#{inner.inspect}, 1, 2])")
    end
  end
end
