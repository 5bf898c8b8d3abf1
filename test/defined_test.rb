# frozen_string_literal: true

require "test_helper"
require "support/differential"

# `defined?` in the guest (docs/ruby.md, "defined?"): mruby's parser has no
# such operator; the guest's parser rewrites it (wasm/patches/defined_operator.rb)
# and each form must answer what CRuby 3.1 answers.
class DefinedTest < KobakoTest
  include Differential

  def test_variables_constants_and_literals
    assert_like_cruby(
      "x = 1; [defined?(x), defined?(self), defined?(nil), defined?(1), defined?('s'), defined?(x = 2)]",
      "@a = 1; [defined?(@a), defined?(@nope)]",
      "$kobako_defined_g = nil; [defined?($kobako_defined_g), defined?($kobako_never_set)]",
      "LIMIT = 3; [defined?(LIMIT), defined?(String), defined?(Nope), defined?(Comparable), defined?(Nope::X)]",
      "module M; Q = 1; class K; def self.f = defined?(Q); end; end; [M::K.f, defined?(M::Q), defined?(M::Z)]",
      "defined? String"
    )
  end

  def test_methods_with_and_without_a_receiver
    assert_like_cruby(
      "def bump = 1; [defined?(puts), defined?(bump), defined?(bump(1)), defined?(zork), defined?(zork(1))]",
      "[defined?(3 + 3), defined?(String.new), defined?(String.zork), defined?(nil.zork), defined?(zork.size)]",
      "o = Object.new; [defined?(o.puts), defined?(o.inspect), defined?(o.instance_variable_get(:@a))]",
      "class D; def a = defined?(b); private def b = 1; end; [D.new.a, defined?(D.new.b)]"
    )
  end

  def test_yield_and_the_program_of_the_corpus
    assert_like_cruby(
      "def f; defined?(yield); end; [f, f {}]",
      "LIMIT = 3\n$counter = 0\ndef bump = $counter += 1\nLIMIT.times { bump }\n" \
      "[$counter, defined?(LIMIT), defined?(@nope), defined?(puts)]"
    )
  end

  def test_a_method_named_defined_p_with_other_arguments_is_still_a_call
    error = assert_raises(Kobako::SandboxError) { sandbox.eval("defined?(1, 2)") }
    assert_equal "NoMethodError", error.klass
  end
end
