# Core conversions and lookups whose failures scripts match on by message
# (rescue => e; "#{e.class}: #{e.message}"), as CRuby 3.1 has them where
# mruby 3.2 differs (docs/ruby.md, "Core fidelity"): Integer() / Float()
# with exception:, Hash#fetch's KeyError, and the wording of Array#sort's
# ArgumentError. (The wording of Integer("zz") and Float("x") is patched in
# C: wasm/patches/number_string_messages.rb.)

module Kernel
  alias __kobako_integer Integer
  alias __kobako_float Float
  private :__kobako_integer, :__kobako_float

  private

  # exception: false answers nil for any failure (mruby takes no keyword).
  def Integer(value, base = nil, exception: true) # rubocop:disable Naming/MethodName
    base.nil? ? __kobako_integer(value) : __kobako_integer(value, base)
  rescue ArgumentError, TypeError, RangeError, FloatDomainError => e
    raise e if exception

    nil
  end

  # exception: false answers nil for any failure (mruby takes no keyword).
  def Float(value, exception: true) # rubocop:disable Naming/MethodName
    __kobako_float(value)
  rescue ArgumentError, TypeError, RangeError => e
    raise e if exception

    nil
  end

  # Kernel.Integer / Kernel.Float as well, as the originals are module functions.
  module_function :Integer, :Float
end

module Kobako
  # CRuby's rb_cmperr: the left operand by class, the right one by inspect
  # when CRuby holds it as an immediate (a small Integer, Float, Symbol, nil,
  # true, false), else by class. Array#sort's raise (wasm/patches/
  # sort_comparison_message.rb).
  def self.__cmp_failed(left, right)
    immediate = right.nil? || right == true || right == false || right.is_a?(Float) || right.is_a?(Symbol) ||
                (right.is_a?(Integer) && right >= -0x4000_0000_0000_0000 && right < 0x4000_0000_0000_0000)
    "comparison of #{left.class} with #{immediate ? right.inspect : right.class} failed"
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
