# frozen_string_literal: true

require_relative "test_helper"

# docs/behaviours.md §2.4 `Sandbox#run`, B-34 auto-wrap and B-37 restoration.
class RunTest < KobakoTest
  TOOLS = <<~RUBY
    Greet = ->(name:, punctuation: "!") { "Hello, \#{name}\#{punctuation}" }
    Sum = proc { |*xs, scale: 1| xs.sum * scale }
    Echo = ->(*args, **kwargs) { [args, kwargs] }
    Noop = -> {}
    class Report
      def self.call(rows) = rows.map { |r| r.fetch(:n) }.sum
    end
    Counter = Struct.new(:base) do
      def call(x) = base + x
    end.new(100)
    def square(x) = x * x
    Square = method(:square)
    Describe = ->(obj) { obj.describe }
    Keep = ->(obj) { [obj, { held: obj }] }
    Fails = -> { raise IndexError, "no such row" }
    Inspect = ->(*xs) { xs.map(&:inspect).join(" ") }
    Settings = { "rate" => 3 }
    module Helpers; end
  RUBY

  def tools
    sandbox.preload(code: TOOLS, name: :Tools)
  end

  class Account
    attr_reader :owner

    def initialize(owner)
      @owner = owner
    end

    def describe
      "account of #{owner}"
    end
  end

  def test_keyword_arguments_arrive_as_real_keywords
    box = tools
    assert_equal "Hello, Ada!", box.run(:Greet, name: "Ada")
    assert_equal "Hello, Ada?", box.run("Greet", name: "Ada", punctuation: "?")
    error = assert_raises(Kobako::SandboxError) { box.run(:Greet) }
    assert_equal "ArgumentError", error.klass
    assert_equal [[1, "two", :three], { k: [4.5, nil] }], box.run(:Echo, 1, "two", :three, k: [4.5, nil])
    assert_equal [[], {}], box.run(:Echo)
  end

  def test_procs_classes_objects_and_methods_are_callable
    box = tools
    assert_equal 12, box.run(:Sum, 1, 2, 3, scale: 2)
    assert_equal 7, box.run(:Report, [{ n: 3 }, { n: 4 }])
    assert_equal 105, box.run(:Counter, 5)
    assert_equal 81, box.run(:Square, 9)
    assert_nil box.run(:Noop)
  end

  def test_targets_are_validated_before_anything_runs
    box = tools
    ["greet", "A::B", "::Greet", "", "Greet!"].each do |bad|
      assert_raises(ArgumentError, bad.inspect) { box.run(bad) }
    end
    [nil, 1, Object, ["Greet"]].each do |bad|
      assert_raises(TypeError, bad.inspect) { box.run(bad) }
    end
    box.preload(code: "NOT_SEALED_YET = 1", name: :Late) # nothing above was an invocation
  end

  def test_an_undefined_target_names_itself_and_the_entrypoints
    error = assert_raises(Kobako::SandboxError) { tools.run(:Missing) }
    assert_equal "NameError", error.klass
    assert_match(/undefined entrypoint Missing/, error.message)
    assert_match(/entrypoints: Counter, Describe, Echo, Fails, Greet, Inspect, Keep, Noop, Report, Square, Sum\)/,
                 error.message)
    none = assert_raises(Kobako::SandboxError) { sandbox.run(:Anything) }
    assert_match(/no entrypoints are defined/, none.message)
  end

  def test_the_runtime_own_constants_are_not_entrypoints
    box = tools
    %i[Math Kernel Kobako Proc Object].each do |builtin|
      error = assert_raises(Kobako::SandboxError, builtin) { box.run(builtin) }
      assert_match(/undefined entrypoint #{builtin}/, error.message)
    end
  end

  def test_a_target_that_is_not_callable_is_a_sandbox_error
    box = tools
    %i[Settings Helpers].each do |target|
      error = assert_raises(Kobako::SandboxError) { box.run(target) }
      assert_equal "TypeError", error.klass
      assert_match(/entrypoint #{target} is a \w+, which does not respond to #call/, error.message)
    end
  end

  def test_constants_from_an_earlier_eval_do_not_become_entrypoints
    box = tools
    box.eval("Adhoc = -> { 1 }; nil")
    assert_raises(Kobako::SandboxError) { box.run(:Adhoc) }
  end

  def test_errors_inside_the_entrypoint_carry_the_snippet_backtrace
    error = assert_raises(Kobako::SandboxError) { tools.run(:Fails) }
    assert_equal "IndexError", error.klass
    assert_equal "IndexError: no such row", error.message
    assert_equal ["(snippet:Tools):15"], error.backtrace_lines
  end

  def test_traps_are_labelled_with_run
    box = sandbox(timeout: 0.2).preload(code: "Spin = -> { loop {} }", name: :Spin)
    error = assert_raises(Kobako::TimeoutError) { box.run(:Spin) }
    assert_match(/\ASandbox#run failed: /, error.message)
    assert_usable box
  end

  def test_non_representable_arguments_become_handles_for_that_invocation
    box = tools
    account = Account.new("Ada")
    assert_equal "account of Ada", box.run(:Describe, account)
    assert_equal 1, box.usage.service_calls
    assert_same account, box.run(:Echo, account).dig(0, 0)
    assert_equal "#<Kobako::Handle 1> #<Kobako::Handle 2>", box.run(:Inspect, account, Object.new)
  end

  def test_handles_are_found_inside_arrays_and_hash_values
    box = sandbox.preload(code: <<~RUBY, name: :Owners)
      Owners = ->(list, by_id:) { list.map(&:owner) + by_id.values.map(&:owner) }
    RUBY
    owners = box.run(:Owners, [Account.new("a"), Account.new("b")], by_id: { 1 => Account.new("c") })
    assert_equal %w[a b c], owners
    assert_equal 3, box.usage.service_calls
  end

  def test_handles_in_the_result_come_back_as_the_host_objects
    box = tools
    account = Account.new("Ada")
    same, nested = box.run(:Keep, account)
    assert_same account, same
    assert_same account, nested[:held]
  end

  def test_host_held_handles_and_code_capabilities_are_refused_before_the_run
    box = sandbox.preload(code: "Mark = ->(*) { puts 'ran' }", name: :Mark)
    [Kobako::Handle.from_wire(1), binding, method(:puts), Object.instance_method(:to_s)].each do |arg|
      error = assert_raises(ArgumentError, arg.class.name) { box.run(:Mark, arg) }
      assert_match(/#run argument refused|cannot be passed back/, error.message)
      assert_raises(ArgumentError) { box.run(:Mark, list: [arg]) }
    end
    assert_equal "", box.stdout
    box.run(:Mark, 1)
    assert_equal "ran\n", box.stdout
  end

  def test_unrepresentable_argument_shapes_are_sandbox_errors
    box = tools
    cyclic = []
    cyclic << cyclic
    assert_raises(Kobako::SandboxError) { box.run(:Echo, cyclic) }
    assert_raises(Kobako::SandboxError) { box.run(:Echo, 2**64) }
    assert_equal [[1], {}], box.run(:Echo, 1)
  end

  def test_run_sees_bound_services
    box = sandbox
    box.define(:Store).bind(:Prices, { "tea" => 3 })
    box.preload(code: "Price = ->(item, qty:) { Store::Prices.fetch(item) * qty }", name: :Price)
    assert_equal 12, box.run(:Price, "tea", qty: 4)
  end

  def test_fibers_and_external_enumerators_work_inside_an_entrypoint
    box = sandbox.preload(code: <<~RUBY, name: :Gen)
      Gen = ->(n) do
        fib = Fiber.new { n.times { |i| Fiber.yield i * i }; :done }
        squares = (n + 1).times.map { fib.resume }
        e = [10, 20].each
        squares + [e.next, e.next]
      end
    RUBY
    assert_equal [0, 1, 4, :done, 10, 20], box.run(:Gen, 3)
  end
end
