# frozen_string_literal: true

require_relative "hostile_helper"
require "set"

# Procs, Methods, Sets, Hashes with default procs and Enumerables returned by
# Services: what each lets a script reach beyond the value itself.
class HostileCallablesTest < HostileTest
  # Hands out callables and collections.
  class Kit
    def adder = ->(a, b) { a + b }
    def method_object = Hostile::Account.new.method(:balance)
    def unbound = Hostile::Account.instance_method(:balance)
    def binding_object = binding
    def names = Set[:@api_key, :@owner]
    def defaulting = Hash.new { |_hash, key| `#{key}` }
    def account = Hostile::Account.new
    def bag = Bag.new
  end

  # A host Enumerable (Set, a Rails relation, a custom collection).
  class Bag
    include Enumerable

    def each(&)
      %i[@api_key].each(&)
    end
  end

  def setup
    @sb = hostile_sandbox({ K: { Kit: Kit.new } })
  end

  def test_a_proc_handle_is_only_callable
    attempt_value(@sb, "f = K::Kit.adder; [f.call(1, 2), f[3, 4], f.arity, f.lambda?]", [3, 7, 2, true])
    %w[binding instance_variable_get curry to_proc source_location parameters instance_exec
       owner receiver send].each do |name|
      refused(@sb, %{raw(K::Kit.adder, "#{name}", [])})
    end
  end

  def test_method_and_binding_objects_are_never_lent
    %w[method_object unbound binding_object].each do |name|
      attempt(@sb, "K::Kit.#{name}", klass: "Kobako::ServiceError", message: /cannot be lent/)
    end
  end

  def test_set_reflection_is_refused
    attempt_value(@sb, "s = K::Kit.names; [s.size, s.include?(:@owner), s.to_a.size]", [2, true, 2])
    %w[instance_variable_get send instance_eval extend tap to_enum method].each do |name|
      refused(@sb, %{raw(K::Kit.names, "#{name}", [:@hash])})
    end
  end

  def test_inject_by_name_is_refused
    # Would call Account#instance_variable_get(:@api_key) on the host.
    attempt(@sb, "K::Kit.names.inject(K::Kit.account, :instance_variable_get)",
            klass: "Kobako::ServiceArgumentError", message: /by name/)
    attempt(@sb, "K::Kit.bag.inject(K::Kit.account, :instance_variable_get)",
            klass: "Kobako::ServiceArgumentError", message: /by name/)
    attempt(@sb, 'K::Kit.bag.reduce(K::Kit.account, "instance_variable_get")',
            klass: "Kobako::ServiceArgumentError", message: /by name/)
    attempt(@sb, "K::Kit.names.to_set(K::Kit.account)", klass: "Kobako::ServiceArgumentError")
  end

  def test_inject_with_a_block_still_works
    attempt_value(@sb, "K::Kit.bag.inject(0) { |n, _| n + 1 }", 1)
  end

  def test_a_hash_default_proc_never_crosses
    # The Hash crosses by value: the guest's lookup of a missing key is a
    # guest lookup, and the host proc never runs.
    attempt_value(@sb, %(h = K::Kit.defaulting; [h.class.name, h["#{Hostile::PWN}"], h.default_proc]),
                  ["Hash", nil, nil])
  end
end
