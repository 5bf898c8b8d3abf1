# frozen_string_literal: true

require "test_helper"

# docs/behaviours.md §3: Handles (B-13…B-21, B-37).
class HandlesTest < KobakoTest
  Account = Struct.new(:owner, :balance) do
    def deposit(amount)
      self.balance += amount
      self
    end

    def statement = "#{owner}: #{balance}"
  end

  class Bank
    attr_reader :seen

    def open(owner) = Account.new(owner, 0)
    def same = (@same ||= Account.new("same", 1))
    def inspect_arg(value) = (@seen = value).class.name

    def transfer(from:, to:, amount:)
      from.balance -= amount
      to.balance += amount
      [from.balance, to.balance]
    end

    def nested = { "accounts" => [Account.new("n", 5)], Account.new("key", 0) => :as_key }
    def a_method = method(:open)
    def smuggle(handle) = handle
  end

  def setup
    @bank = Bank.new
    @sb = sandbox
    @sb.define(:B).bind(:Bank, @bank)
  end

  # B-14, B-17: non-representable returns become Handles; calls chain.
  def test_b14_b17_handles_and_chaining
    assert_equal "ann: 15", @sb.eval('B::Bank.open("ann").deposit(10).deposit(5).statement')
    assert_match(/\A#<Kobako::Handle \d+>\z/, @sb.eval('B::Bank.open("x").inspect'))
  end

  # B-15: a new id each time, starting at 1, even for the same object.
  def test_b15_ids_are_fresh
    assert_equal [1, 2, 3], @sb.eval("[B::Bank.same, B::Bank.same, B::Bank.open('z')].map(&:__kobako_id)")
    assert_equal ["a: 0", "b: 0"], @sb.eval("[B::Bank.open('a'), B::Bank.open('b')].map(&:statement)")
    assert_equal [1], @sb.eval("[B::Bank.same.__kobako_id]"), "ids restart per invocation"
  end

  # B-16: Handles as arguments resolve, also nested and as keywords.
  def test_b16_handles_as_arguments
    assert_equal [-5, 5], @sb.eval(<<~RUBY)
      a = B::Bank.open("a"); b = B::Bank.open("b")
      B::Bank.transfer(from: a, to: b, amount: 5)
    RUBY
    assert_equal "Array", @sb.eval('B::Bank.inspect_arg([{k: B::Bank.open("x")}])')
    assert_instance_of Account, @bank.seen.first[:k]
  end

  # B-37: Handles in the result come back as the host objects.
  def test_b37_result_restoration
    account = @sb.eval('B::Bank.open("r").deposit(3)')
    assert_instance_of Account, account
    assert_equal 3, account.balance
    result = @sb.eval("{ list: [B::Bank.same, B::Bank.same] }")
    assert_same @bank.same, result[:list][0]
    assert_same @bank.same, result[:list][1]
    nested = @sb.eval("B::Bank.nested")
    assert_instance_of Account, nested["accounts"].first
    assert_instance_of Account, nested.keys.last
  end

  # B-18/B-20: no forging.
  def test_b20_handles_cannot_be_forged
    %w[Kobako::Handle.new(1) Kobako::Handle.allocate].each do |code|
      error = assert_raises(Kobako::SandboxError) { @sb.eval(code) }
      assert_equal "NoMethodError", error.klass, code
    end
    assert_equal "NoMethodError", @sb.eval(<<~RUBY)
      h = B::Bank.open("f")
      begin; h.instance_variable_set(:@x, 1); rescue => e; e.class.to_s; end
    RUBY
    assert @sb.eval('B::Bank.open("f").frozen?')
    # An Integer never becomes a capability.
    assert_equal "TypeError", @sb.eval(<<~RUBY)
      class Fake; def initialize(id); @id = id; end; end
      begin; B::Bank.inspect_arg(Fake.new(1)); rescue TypeError => e; e.class.to_s; end
    RUBY
  end

  def test_forged_handle_via_metaprogramming_is_not_a_handle
    result = @sb.eval(<<~RUBY)
      B::Bank.open("real")
      forged = Class.instance_method(:allocate).bind(Kobako::Handle).call rescue :refused
      next_try = (forged == :refused) ? :refused : (B::Bank.inspect_arg(forged) rescue $!.class.to_s)
      next_try
    RUBY
    refute_equal "HandlesTest::Account", result
  end

  # B-18: Handles die with their invocation; a Kobako::Handle held by host
  # code (minted elsewhere) is never accepted as a capability.
  def test_b18_stale_and_foreign_handles
    @sb.eval('B::Bank.open("x")')
    refute @sb.catalog.handle?(Kobako::Handle.from_wire(1)), "the table is empty after the invocation"
    assert_raises(NoMethodError) { Kobako::Handle.new(1) }
    other = sandbox
    other.define(:S).bind(:Give, -> { Kobako::Handle.from_wire(1) })
    error = assert_raises(Kobako::ServiceError) { other.eval("B = S::Give.call; 1") }
    assert_match(/Handle/, error.message)
  end

  def test_handles_given_to_the_host_arrive_as_objects
    bank = Bank.new
    sb = sandbox
    stolen = nil
    sb.define(:S).bind(:Keep, ->(x) { stolen ||= x })
    sb.define(:B).bind(:Bank, bank)
    # The guest gives a Handle back to the host; it is resolved to the object,
    # so the host never even holds a Kobako::Handle.
    sb.eval('S::Keep.call(B::Bank.open("k"))')
    assert_instance_of Account, stolen
  end

  def test_refused_method_result
    assert_equal "Kobako::ServiceError", @sb.eval(<<~RUBY)
      begin; B::Bank.a_method; rescue Kobako::ServiceError => e; e.class.to_s; end
    RUBY
  end

  # B-21: exhaustion raises HandlerExhaustedError.
  def test_b21_handle_exhaustion
    @sb.catalog.handle_limit = 3
    assert_equal 3, @sb.eval("3.times { B::Bank.open('x') }; 3")
    error = assert_raises(Kobako::HandlerExhaustedError) { @sb.eval("4.times { B::Bank.open('x') }") }
    assert_match(/exhausted/, error.message)
    assert_usable @sb
  end

  # send and public_send are answered: on a proxy they are the plain call.
  def test_handle_respond_to_is_local_and_refuses_reflection
    assert_equal [true, false, true, true], @sb.eval(<<~RUBY)
      h = B::Bank.open("r")
      [h.respond_to?(:deposit), h.respond_to?(:instance_variable_get), h.respond_to?(:send), h.respond_to?("public_send")]
    RUBY
    assert_equal 1, @sb.usage.service_calls
  end

  # send and public_send do what the plain call would (test/hostile/public_send_test.rb).
  def test_handle_method_reflection_is_refused
    %w[instance_variable_get(:@x) send(:instance_variable_get,:@x) public_send(:method,:deposit) method(:deposit)
       instance_eval{} binding].each do |call|
      assert_raises(Kobako::SandboxError, call) { @sb.eval("B::Bank.open('x').#{call}") }
    end
  end
end
