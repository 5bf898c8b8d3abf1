# Pattern matching's runtime: the error classes, #deconstruct and
# #deconstruct_keys of the core classes, and the helpers the guest's parser
# calls from desugared patterns (wasm/patches/pattern_desugar.rb). Every
# helper is named "pm <what>": not an identifier, so scripts do not stumble
# on them. The first argument of a checking helper says whether the match is
# a single pattern (`expr => pat`, or a case with one `in` and no else),
# where CRuby 3.1 reports why it failed; the last failure is remembered on
# NoMatchingPatternError and raised by "pm raise1". docs/ruby.md describes
# the whole model.

class NoMatchingPatternError < StandardError
end

class NoMatchingPatternKeyError < NoMatchingPatternError
  def initialize(message = nil, matchee: nil, key: nil)
    super(message)
    @matchee = matchee
    @key = key
  end

  attr_reader :matchee, :key
end

class Array
  def deconstruct
    self
  end
end

class Hash
  def deconstruct_keys(_keys)
    self
  end
end

# Struct and Data: members by name, as CRuby: nil asks for all of them; an
# Array of keys stops at the first that is not a member, and asking for more
# keys than there are members answers {}.
module Kobako
  module MemberKeys
    def self.pick(object, members, keys)
      if keys.nil?
        members.each_with_object({}) { |m, h| h[m] = object.__send__(m) }
      elsif !keys.is_a?(Array)
        raise TypeError, "wrong argument type #{keys.class} (expected Array or nil)"
      elsif keys.size > members.size
        {}
      else
        h = {}
        keys.each do |k|
          break unless k.is_a?(Symbol) && members.include?(k)

          h[k] = object.__send__(k)
        end
        h
      end
    end
  end
end

class Struct
  def deconstruct
    to_a
  end

  def deconstruct_keys(keys)
    Kobako::MemberKeys.pick(self, self.class.members, keys)
  end
end

if Object.const_defined?(:Data)
  class Data
    def deconstruct
      self.class.members.map { |m| __send__(m) }
    end

    def deconstruct_keys(keys)
      Kobako::MemberKeys.pick(self, self.class.members, keys)
    end
  end
end

class << NoMatchingPatternError
  # remembers why a single pattern failed; always answers false
  define_method(:"pm fail") do |message, key_error = nil|
    @pm_message = message
    @pm_key_error = key_error
    false
  end

  define_method(:"pm eqq") do |single, pattern, value|
    if pattern === value
      true
    elsif single
      __send__(:"pm fail", "#{pattern.inspect} === #{value.inspect} does not return true")
    else
      false
    end
  end

  define_method(:"pm dec") do |single, value|
    if value.respond_to?(:deconstruct)
      d = value.deconstruct
      raise TypeError, "deconstruct must return Array" unless d.is_a?(Array)

      d
    elsif single
      __send__(:"pm fail", "#{value.inspect} does not respond to #deconstruct")
    else
      false
    end
  end

  define_method(:"pm len") do |single, d, n, rest|
    if rest ? d.length >= n : d.length == n
      true
    elsif single
      __send__(:"pm fail", "#{d.inspect} length mismatch (given #{d.length}, expected #{n}#{rest ? '+' : ''})")
    else
      false
    end
  end

  define_method(:"pm rest") { |d, pre, post| d[pre, d.length - pre - post] }
  define_method(:"pm post") { |d, k| d[d.length - k] }
  define_method(:"pm fnext") { |found, d, i, n| !found && i + n <= d.length }
  define_method(:"pm fpost") { |d, i, n| d[i + n, d.length] }

  define_method(:"pm ffail") do |single, d|
    single ? __send__(:"pm fail", "#{d.inspect} does not match to find pattern") : false
  end

  define_method(:"pm deck") do |single, value, keys|
    if value.respond_to?(:deconstruct_keys)
      h = value.deconstruct_keys(keys)
      raise TypeError, "deconstruct_keys must return Hash" unless h.is_a?(Hash)

      h
    elsif single
      __send__(:"pm fail", "#{value.inspect} does not respond to #deconstruct_keys")
    else
      false
    end
  end

  define_method(:"pm key") do |single, h, key|
    if h.key?(key)
      true
    elsif single
      __send__(:"pm fail", "key not found: #{key.inspect}", [h, key])
    else
      false
    end
  end

  define_method(:"pm hnil") do |single, h|
    if h.empty?
      true
    elsif single
      __send__(:"pm fail", "rest of #{h.inspect} is not empty")
    else
      false
    end
  end

  define_method(:"pm hempty") do |single, h|
    if h.empty?
      true
    elsif single
      __send__(:"pm fail", "#{h.inspect} is not empty")
    else
      false
    end
  end

  define_method(:"pm guard") { __send__(:"pm fail", "guard clause does not return true") }

  define_method(:"pm raise") { |value| raise NoMatchingPatternError, value.inspect }

  define_method(:"pm raise1") do |value|
    message = "#{value.inspect}: #{@pm_message}"
    key_error = @pm_key_error
    @pm_message = @pm_key_error = nil
    raise NoMatchingPatternKeyError.new(message, matchee: key_error[0], key: key_error[1]) if key_error

    raise NoMatchingPatternError, message
  end
end
