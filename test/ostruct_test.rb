# frozen_string_literal: true

require "test_helper"
require "support/differential"

# `require "ostruct"` and OpenStruct in the guest (docs/ruby.md, "require"),
# compared with CRuby 3.1.
class OstructTest < KobakoTest
  include Differential

  def test_open_struct_exists_only_after_require
    assert_like_cruby('[defined?(OpenStruct), Object.const_defined?(:OpenStruct), require("ostruct"), ' \
                      'require("ostruct"), OpenStruct.name, $LOADED_FEATURES.any? { |f| f.end_with?("ostruct.rb") }]')
  end

  def test_fields_accessors_and_conversions
    assert_like_cruby(
      'require "ostruct"; o = OpenStruct.new(name: "ann", age: 3); o.age += 1; [o.name, o.age, o.to_h, o.zork]',
      'require "ostruct"; o = OpenStruct.new("a" => 1); o[:b] = 2; o["c"] = [3]; [o[:a], o["b"], o.c, o.dig(:c, 0)]',
      'require "ostruct"; o = OpenStruct.new(a: 1, b: 2); [o.inspect, o.to_s, OpenStruct.new.inspect, ' \
      "o.to_h { |k, v| [k.to_s, v * 10] }]",
      'require "ostruct"; o = OpenStruct.new(a: 1); [o.respond_to?(:a), o.respond_to?(:a=), o.respond_to?(:b)]',
      'require "ostruct"; o = OpenStruct.new(a: 1, b: 2); r = []; o.each_pair { |k, v| r << [k, v] }; ' \
      "[r, o.each_pair.to_a]"
    )
  end

  def test_equality_delete_field_and_copies
    assert_like_cruby(
      'require "ostruct"; a = OpenStruct.new(a: 1); [a == OpenStruct.new(a: 1), a == OpenStruct.new(a: 2), ' \
      "a.eql?(OpenStruct.new(a: 1)), a == {a: 1}]",
      'require "ostruct"; o = OpenStruct.new(a: 1, b: 2); [o.delete_field(:a), o.to_h, o.delete_field(:x) { :none }]',
      'require "ostruct"; begin; OpenStruct.new.delete_field(:x); rescue NameError => e; [e.class, e.name]; end',
      'require "ostruct"; o = OpenStruct.new(a: [1]); c = o.dup; c.a = 2; [o.a, c.a]',
      'require "ostruct"; o = OpenStruct.new(a: 1).freeze; [(begin; o.a = 2; rescue FrozenError; :frozen; end), o.a]'
    )
  end
end
