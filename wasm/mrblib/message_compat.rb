# Core conversions and lookups whose failures scripts match on by message
# (rescue => e; "#{e.class}: #{e.message}"), worded as CRuby 3.1 words them
# where mruby 3.2 says it its own way (docs/ruby.md, "Core fidelity"):
# Integer() / Float() with exception:, and Hash#fetch's KeyError.

module Kernel
  alias __kobako_integer Integer
  alias __kobako_float Float
  private :__kobako_integer, :__kobako_float

  private

  # Integer("zz") raises `invalid value for Integer(): "zz"` (mruby: `invalid
  # string for number("zz")`); exception: false answers nil for any failure.
  def Integer(value, base = nil, exception: true) # rubocop:disable Naming/MethodName
    base.nil? ? __kobako_integer(value) : __kobako_integer(value, base)
  rescue ArgumentError, TypeError, RangeError, FloatDomainError => e
    raise Kobako.__conversion_error(e, "Integer", value) if exception

    nil
  end

  # Float("abc") raises `invalid value for Float(): "abc"` (mruby: `invalid
  # string for float("abc")`); exception: false answers nil for any failure.
  def Float(value, exception: true) # rubocop:disable Naming/MethodName
    __kobako_float(value)
  rescue ArgumentError, TypeError, RangeError => e
    raise Kobako.__conversion_error(e, "Float", value) if exception

    nil
  end

  # Kernel.Integer / Kernel.Float as well, as the originals are module functions.
  module_function :Integer, :Float
end

module Kobako
  # mruby's "invalid string for ..." becomes CRuby's ArgumentError; any other
  # error (a TypeError for nil, a null byte) is kept as it is.
  def self.__conversion_error(error, kind, value)
    return error unless value.is_a?(String) && error.message.start_with?("invalid string for ")

    ArgumentError.new("invalid value for #{kind}(): #{value.inspect}")
  end
end

class Hash
  # CRuby's KeyError says "key not found: :x" (mruby: "Key not found: :x").
  def fetch(key, *default, &block)
    raise ArgumentError, "wrong number of arguments (given #{default.size + 1}, expected 1..2)" if default.size > 1
    return self[key] if key?(key)
    return block.call(key) if block
    return default[0] unless default.empty?

    raise KeyError, "key not found: #{key.inspect}"
  end
end
