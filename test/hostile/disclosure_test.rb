# frozen_string_literal: true

require_relative "hostile_helper"

# What a failing Service tells the script: the exception's class and a
# message without the receiver's #inspect, host paths or source lines,
# error_highlight or did_you_mean output. The host keeps the full exception.
class HostileDisclosureTest < HostileTest
  # Fails in the ways that used to carry host details across.
  class Leaky
    def initialize
      @api_key = Hostile::SECRET
    end

    def no_method = nope_not_defined
    def nil_method = nil.upcase_all
    def read_file = File.read("/nonexistent/#{Hostile::SECRET}/config.yml")
    def key = { region: 1 }.fetch(:regoin)
    def inspected = raise(ArgumentError, "bad state #{inspect}")
    def pathy = raise("failed at #{__FILE__}:#{__LINE__}")
    def constant = UndefinedThingHere
    def private_call = Hostile::Account.new.send(:nope_private_call)
    def long = raise("x" * 100_000)
    def nested = raise(TypeError, "got #{[self, { k: self }].inspect}")

    # A custom #inspect: the secret without any `#<…>` shape.
    def custom_inspect
      Custom.new.missing_method_here
    end
  end

  # Inspects as plain text holding the secret.
  class Custom
    def inspect = "Custom(api_key: #{Hostile::SECRET})"
  end

  def setup
    @sb = hostile_sandbox({ Err: { Leaky: Leaky.new } })
  end

  def crossed(method)
    @sb.eval("begin; Err::Leaky.#{method}; rescue Kobako::ServiceError => e; e.message; end").tap do |text|
      Hostile.count
      refute_includes text, Hostile::SECRET
      refute_includes text, "@api_key"
      refute_includes text, __dir__
      refute_includes text, "Did you mean"
      refute_includes text, "^^^"
      assert_contained(@sb, nil)
    end
  end

  def test_no_method_error_loses_the_receivers_inspect
    assert_equal "NameError: undefined local variable or method 'nope_not_defined' for an instance of " \
                 "HostileDisclosureTest::Leaky", crossed(:no_method)
    assert_equal "NoMethodError: undefined method 'upcase_all' for nil", crossed(:nil_method)
    assert_equal "NoMethodError: undefined method 'missing_method_here' for an instance of " \
                 "HostileDisclosureTest::Custom", crossed(:custom_inspect)
    assert_match(/\ANoMethodError: (private|undefined) method 'nope_private_call'/, crossed(:private_call))
  end

  def test_errno_loses_the_path
    assert_equal "Errno::ENOENT: No such file or directory", crossed(:read_file)
  end

  def test_key_error_loses_did_you_mean
    assert_equal "KeyError: key not found: :regoin", crossed(:key)
  end

  def test_inspect_fragments_and_paths_in_messages_are_scrubbed
    assert_equal "ArgumentError: bad state #<HostileDisclosureTest::Leaky>", crossed(:inspected)
    assert_match(/\ARuntimeError: failed at \(host path\)/, crossed(:pathy))
    assert_equal "NameError: uninitialized constant HostileDisclosureTest::Leaky::UndefinedThingHere",
                 crossed(:constant)
    assert_match(/\ATypeError: got \[#<HostileDisclosureTest::Leaky>, \{:k=>#<HostileDisclosureTest::Leaky>\}\]\z/,
                 crossed(:nested))
    assert_operator crossed(:long).size, :<, 1100
  end

  def test_the_host_error_keeps_the_full_exception_as_its_cause
    Hostile.count
    error = assert_raises(Kobako::ServiceError) { @sb.eval("Err::Leaky.inspected") }
    refute_includes error.message, Hostile::SECRET
    assert_instance_of ArgumentError, error.cause
    assert_includes error.cause.message, Hostile::SECRET
    assert_contained(@sb, nil)
  end
end
