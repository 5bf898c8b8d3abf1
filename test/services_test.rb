# frozen_string_literal: true

require "test_helper"

# docs/behaviours.md §2.2 and 3: registration, calls, the reflection floor, failures.
class ServicesTest < KobakoTest
  class Greeter
    attr_reader :calls

    def initialize
      @calls = []
    end

    def greet(name, punctuation: "!")
      @calls << name
      "hello #{name}#{punctuation}"
    end

    def echo(*args, **kwargs)
      [args, kwargs]
    end

    def boom
      raise ArgumentError, "bad input"
    end

    def halt
      raise Interrupt
    end

    def secret_path
      "/etc/passwd"
    end

    def binding_for_guest
      binding
    end

    private

    def hidden
      :hidden
    end
  end

  def setup
    @greeter = Greeter.new
    @sb = sandbox
    @sb.define(:App).bind(:Greeter, @greeter)
  end

  # B-12: the call runs once, synchronously, with Ruby 3 keywords.
  def test_b12_call_runs_exactly_once_with_keywords
    assert_equal "hello ann?", @sb.eval('App::Greeter.greet("ann", punctuation: "?")')
    assert_equal ["ann"], @greeter.calls
    assert_equal 1, @sb.usage.service_calls
  end

  # B-58: brace-less k: v are keywords; a {} literal stays positional.
  def test_b58_keyword_partition
    assert_equal [[1], { k: 2 }], @sb.eval("App::Greeter.echo(1, k: 2)")
    assert_equal [[{ k: 2 }], {}], @sb.eval("App::Greeter.echo({k: 2})")
    assert_equal [[], { k: 3 }], @sb.eval("App::Greeter.echo(**{k: 3})")
    assert_equal [[1, "s", :sym, [2.5], { "a" => nil }], {}],
                 @sb.eval('App::Greeter.echo(1, "s", :sym, [2.5], {"a" => nil})')
  end

  def test_registration_api
    ns = @sb.define(:Tools)
    assert_same ns, @sb.define("Tools"), "define returns the same Namespace for the same name"
    assert_same ns, ns.bind(:A, 1).bind(:B, 2), "bind chains"
    assert_raises(ArgumentError) { ns.bind(:A, 3) }
    assert_raises(ArgumentError) { @sb.define(:lower) }
    assert_raises(ArgumentError) { @sb.define("Has::Colons") }
    assert_raises(ArgumentError) { @sb.define(42) }
    assert_raises(ArgumentError) { ns.bind(:bad_name, 1) }
    assert_raises(ArgumentError) { @sb.define(:Kobako) }
  end

  # B-33: the first invocation seals setup, even one that fails.
  def test_b33_seal_after_first_invocation_even_failing
    ns = @sb.define(:Late)
    assert_raises(Kobako::SandboxError) { @sb.eval("raise 'x'") }
    assert_raises(ArgumentError) { @sb.define(:Other) }
    assert_raises(ArgumentError) { ns.bind(:Member, 1) }
  end

  def test_service_error_is_rescuable_in_the_guest
    result = @sb.eval(<<~RUBY)
      begin
        App::Greeter.boom
      rescue Kobako::ServiceError => e
        [e.class.to_s, e.message]
      end
    RUBY
    assert_equal ["Kobako::ServiceError", "ArgumentError: bad input"], result
  end

  def test_unrescued_service_error_reaches_the_host
    error = assert_raises(Kobako::ServiceError) { @sb.eval("App::Greeter.boom") }
    assert_equal "service", error.origin
    assert_equal "Kobako::ServiceError", error.klass
    assert_match(/ArgumentError: bad input/, error.message)
    refute_match(/services_test|\.rb:\d+/, error.message, "no host path crosses into the guest")
    assert_usable @sb
  end

  def test_no_host_backtrace_reaches_the_guest
    backtrace = @sb.eval("begin; App::Greeter.boom; rescue => e; e.backtrace; end")
    refute(backtrace.any? { |line| line.include?(".rb:") && !line.start_with?("(eval)") }, backtrace.inspect)
  end

  def test_non_standard_errors_are_not_swallowed
    assert_raises(Interrupt) { @sb.eval("App::Greeter.halt") }
    assert_usable @sb
  end

  def test_unknown_member_method_and_private_methods_are_no_service_errors
    assert_equal "Kobako::NoServiceError", @sb.eval(<<~RUBY)
      begin; App::Greeter.hidden; rescue Kobako::ServiceError => e; e.class.to_s; end
    RUBY
    assert_equal "Kobako::NoServiceError", @sb.eval(<<~RUBY)
      begin; App::Greeter.nope; rescue Kobako::NoServiceError => e; e.class.to_s; end
    RUBY
    error = assert_raises(Kobako::ServiceError) { @sb.eval("App::Greeter.nope") }
    assert_equal "Kobako::NoServiceError", error.klass
  end

  def test_argument_binding_failures_are_service_argument_errors
    %w[App::Greeter.greet App::Greeter.greet(1,2) App::Greeter.greet("a",nope:1)].each do |call|
      klass = @sb.eval("begin; #{call}; rescue Kobako::ServiceError => e; e.class.to_s; end")
      assert_equal "Kobako::ServiceArgumentError", klass, call
    end
    assert_empty @greeter.calls, "a call whose arguments do not bind never runs"
  end

  # B-42: nothing owned by Object/Kernel/BasicObject/Module/Class is reachable.
  def test_b42_reflection_floor
    %w[instance_variables object_id class dup freeze itself display
       instance_variable_get(:@calls) send(:instance_variable_get,:@calls) public_send(:instance_variable_get,:@calls)
       __send__(:instance_variable_get,:@calls) public_send(:send,:greet,"x")
       method(:greet) instance_eval{1} define_singleton_method(:x){} tap{} then{}].each do |call|
      klass = @sb.eval("begin; App::Greeter.#{call}; :reached; " \
                       "rescue NoMethodError, Kobako::ServiceError => e; e.class.to_s; end")
      refute_equal "reached", klass.to_s, "App::Greeter.#{call} must be refused"
    end
    assert_empty @greeter.calls
  end

  def test_hostile_reflection_is_refused_locally_without_a_round_trip
    @sb.eval(<<~RUBY)
      [:send, :__send__, :public_send, :instance_eval, :instance_exec, :method,
       :binding, :define_method, :instance_variable_get, :const_get].each do |name|
        begin
          App::Greeter.__send__(name, :x) rescue nil
          App::Greeter.public_send(name) rescue nil
        end
      end
    RUBY
    %w[send(:send,:greet,"x") instance_variable_get(:@calls) method(:greet) const_get(:X) binding].each do |call|
      assert_raises(Kobako::SandboxError) { @sb.eval("App::Greeter.#{call}") }
    end
    assert_equal 0, @sb.usage.service_calls
  end

  def test_refused_return_types
    assert_equal "Kobako::ServiceError", @sb.eval(<<~RUBY)
      begin; App::Greeter.binding_for_guest; rescue Kobako::ServiceError => e; e.class.to_s; end
    RUBY
  end

  # mruby's Symbol#to_proc uses __send__, so proxies keep it, guarded: it does
  # what the plain call would and never more. public_send and send are the
  # same guarded method (a script's `obj.public_send(step, *args)`).
  def test_guarded_send_on_proxies
    assert_equal "hello z!", @sb.eval('App::Greeter.__send__(:greet, "z")')
    assert_equal [["x"], {}], @sb.eval('App::Greeter.__send__(:echo, "x")')
    assert_equal ["hello a!", "hello b!"],
                 @sb.eval('[App::Greeter.public_send(:greet, "a"), App::Greeter.send("greet", "b")]')
    assert_raises(Kobako::SandboxError) { @sb.eval("App::Greeter.__send__(:__kobako_send, :instance_eval)") }
  end

  def test_respond_to_is_answered_locally
    assert_equal [true, false, false, false], @sb.eval(<<~RUBY)
      [App::Greeter.respond_to?(:greet), App::Greeter.respond_to?(:hidden),
       App::Greeter.respond_to?(:instance_variable_get), App::Greeter.respond_to?(:object_id)]
    RUBY
    assert_equal 0, @sb.usage.service_calls
  end

  # B-50: respond_to_guest? narrows what the guest may call.
  class Narrow
    def read = :read
    def write = :write

    private

    def respond_to_guest?(name) = name == :read
  end

  def test_b50_respond_to_guest_narrows
    sb = sandbox
    sb.define(:N).bind(:Obj, Narrow.new)
    assert_equal :read, sb.eval("N::Obj.read")
    assert_equal "Kobako::NoServiceError",
                 sb.eval("begin; N::Obj.write; rescue Kobako::ServiceError => e; e.class.to_s; end")
    assert_equal [true, false], sb.eval("[N::Obj.respond_to?(:read), N::Obj.respond_to?(:write)]")
  end

  # B-42: a bound lambda answers only call/[]/yield/arity/lambda?.
  def test_b42_callables
    sb = sandbox
    sb.define(:F).bind(:Double, ->(x) { x * 2 })
    assert_equal [6, 8, 1, true], sb.eval("[F::Double.call(3), F::Double[4], F::Double.arity, F::Double.lambda?]")
    %w[curry binding source_location parameters to_proc].each do |m|
      # Refused by the host (ServiceError) or already by the guest (NoMethodError).
      assert_raises(Kobako::ServiceError, Kobako::SandboxError, m) { sb.eval("F::Double.#{m}") }
    end
  end

  def test_non_representable_argument_raises_type_error_at_the_call_site
    result = @sb.eval(<<~RUBY)
      begin
        App::Greeter.echo(Object.new)
      rescue TypeError => e
        e.class.to_s
      end
    RUBY
    assert_equal "TypeError", result
    assert_equal 0, @sb.usage.service_calls, "nothing was sent"
  end

  def test_service_calls_in_usage
    @sb.eval("5.times { App::Greeter.echo }")
    assert_equal 5, @sb.usage.service_calls
  end

  def test_services_persist_across_invocations
    assert_equal "hello a!", @sb.eval('App::Greeter.greet("a")')
    assert_equal "hello b!", @sb.eval('App::Greeter.greet("b")')
  end
end
