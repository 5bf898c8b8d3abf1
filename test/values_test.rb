# frozen_string_literal: true

require "test_helper"

# docs/behaviours.md §2.5 / docs/wire.md: values the guest returns cross byte-exactly, with
# their encoding; anything else is a SandboxError.
class ValuesTest < KobakoTest
  def setup
    @sb = sandbox
  end

  def test_nil_true_false
    assert_nil @sb.eval("nil")
    assert_same true, @sb.eval("true")
    assert_same false, @sb.eval("false")
    assert_nil @sb.eval(""), "an empty script evaluates to nil"
  end

  def test_int64_extremes
    assert_equal 0, @sb.eval("0")
    assert_equal(-1, @sb.eval("-1"))
    assert_equal 2**62, @sb.eval("2 ** 62")
    assert_equal (2**63) - 1, @sb.eval("9223372036854775807")
    assert_equal(-(2**63), @sb.eval("-9223372036854775807 - 1"))
    assert_kind_of Integer, @sb.eval("9223372036854775807")
  end

  def test_integers_outside_int64_are_refused_not_truncated
    ["9223372036854775807 + 1", "2 ** 64", "-9223372036854775807 - 2", "[1, 2 ** 70]"].each do |src|
      assert_sandbox_error(@sb, src)
      assert_usable @sb
    end
  end

  def test_integers_inside_int64_computed_via_bignums
    assert_equal (2**63) - 1, @sb.eval("(2 ** 64) / 2 - 1")
  end

  def test_floats
    assert_equal 0.1 + 0.2, @sb.eval("0.1 + 0.2")
    assert_equal 1.5, @sb.eval("1.5")
    assert_equal Float::MAX, @sb.eval("1.7976931348623157e308")
    # Computed, not a literal: mruby's float reader flushes 5.0e-324 to 0.0.
    assert_equal 5.0e-324, @sb.eval("Float::MIN / 4503599627370496.0")
    assert_equal 1.0e-310, @sb.eval("1.0e-310")
    assert_equal Float::INFINITY, @sb.eval("1.0 / 0")
    assert_equal(-Float::INFINITY, @sb.eval("-1.0 / 0"))
    assert_predicate @sb.eval("0.0 / 0.0"), :nan?
    assert_kind_of Float, @sb.eval("2.0")
  end

  def test_negative_zero_keeps_its_sign
    zero = @sb.eval("-0.0")
    assert_equal 0.0, zero
    assert_equal(-Float::INFINITY, 1.0 / zero)
  end

  def test_utf8_strings_are_byte_exact
    text = "héllo ✓ 😀 日本語"
    result = @sb.eval("#{text.inspect}.dup")
    assert_equal Encoding::UTF_8, result.encoding
    assert_equal text.b, result.b
    assert_predicate result, :valid_encoding?
  end

  def test_binary_strings_are_byte_exact
    result = @sb.eval('"\xff\x00abc\x80".b')
    assert_equal Encoding::BINARY, result.encoding
    assert_equal "\xff\x00abc\x80".b, result
  end

  def test_every_byte_value_survives_in_binary
    result = @sb.eval("(0..255).map { |i| i.chr }.join.b")
    assert_equal Encoding::BINARY, result.encoding
    assert_equal (0..255).map(&:chr).join.b, result
  end

  def test_force_encoding_marks_binary
    result = @sb.eval('"abc".force_encoding("ASCII-8BIT")')
    assert_equal Encoding::BINARY, result.encoding
    assert_equal "abc".b, result
  end

  def test_empty_and_nul_strings
    assert_equal "", @sb.eval('""')
    assert_equal Encoding::UTF_8, @sb.eval('""').encoding
    assert_equal Encoding::BINARY, @sb.eval('"".b').encoding
    assert_equal "a\0b", @sb.eval('"a\0b"')
  end

  def test_invalid_utf8_without_b_is_refused
    error = assert_sandbox_error(@sb, '"\xff"')
    assert_match(/UTF-8/, error.message)
    assert_usable @sb
    assert_sandbox_error(@sb, '"\xff".b.force_encoding("UTF-8")')
  end

  def test_symbols
    assert_equal :abc, @sb.eval(":abc")
    assert_equal :"with space", @sb.eval(':"with space"')
    assert_equal :é, @sb.eval(":é")
    assert_equal %i[a b?], @sb.eval("[:a, :b?]")
  end

  def test_arrays_keep_order_and_nesting
    assert_equal [], @sb.eval("[]")
    assert_equal [1, [2, [3, [4]]], "x", :y, nil], @sb.eval('[1, [2, [3, [4]]], "x", :y, nil]')
    assert_equal (1..10_000).to_a, @sb.eval("(1..10_000).to_a")
  end

  def test_hashes_keep_insertion_order
    result = @sb.eval("{ b: 1, a: 2, c: { z: 1, y: 2 } }")
    assert_equal({ b: 1, a: 2, c: { z: 1, y: 2 } }, result)
    assert_equal %i[b a c], result.keys
    assert_equal %i[z y], result[:c].keys
    assert_equal({}, @sb.eval("{}"))
  end

  def test_hash_keys_of_any_representable_type
    result = @sb.eval(<<~RUBY)
      { 1 => "int", nil => "nil", [1, 2] => "array", 1.5 => "float", "s" => "string",
        :sym => "symbol", true => "true", false => "false", { k: 1 } => "hash", "b".b.freeze => "binary" }
    RUBY
    expected = { 1 => "int", nil => "nil", [1, 2] => "array", 1.5 => "float", "s" => "string",
                 :sym => "symbol", true => "true", false => "false", { k: 1 } => "hash", "b".b => "binary" }
    assert_equal expected, result
    assert_equal expected.keys, result.keys
    assert_equal Encoding::BINARY, result.keys.last.encoding
  end

  # Hash copies an unfrozen String key, and mruby's copies do not carry the
  # binary mark (docs/values.md): the key arrives as UTF-8.
  def test_unfrozen_binary_hash_key_is_copied_as_utf8
    result = @sb.eval('{ "k".b => 1 }')
    assert_equal Encoding::UTF_8, result.keys.first.encoding
  end

  def test_readme_example
    assert_equal [1, :a, { b: 2.5 }], @sb.eval("[1, :a, {b: 2.5}]")
  end

  # Nesting: 128 levels cross, 129 do not (docs/behaviours.md §2.5).
  def test_nesting_128_arrays_crosses
    result = @sb.eval("a = 1; 128.times { a = [a] }; a")
    assert_equal 128, depth_of(result)
  end

  def test_nesting_128_hashes_crosses
    result = @sb.eval("h = 1; 128.times { h = { k: h } }; h")
    assert_equal 128, depth_of(result)
  end

  def test_nesting_129_is_refused
    assert_sandbox_error(@sb, "a = 1; 129.times { a = [a] }; a")
    assert_usable @sb
    assert_sandbox_error(@sb, "h = 1; 129.times { h = { k: h } }; h")
    assert_usable @sb
  end

  def test_cycles_are_refused
    assert_sandbox_error(@sb, "a = [1]; a << a; a")
    assert_usable @sb
    assert_sandbox_error(@sb, "h = {}; h[:self] = h; h")
    assert_usable @sb
  end

  def test_shared_substructures_are_not_cycles
    assert_equal [[1], [1], { k: [1] }], @sb.eval("a = [1]; [a, a, { k: a }]")
  end

  def test_unrepresentable_values_are_refused
    {
      "Object.new" => /Object/,
      "proc { 1 }" => /Proc/,
      "lambda { 1 }" => /Proc/,
      "1..2" => /Range/,
      "Object" => /Class/,
      "Kernel" => /Module/,
      "Struct.new(:a).new(1)" => nil,
      "[1, Object.new]" => /Object/,
      "{ a: Object.new }" => /Object/,
      "{ Object.new => 1 }" => /Object/
    }.each do |src, message|
      assert_sandbox_error(@sb, src, message: message)
      assert_usable @sb
    end
  end

  # docs/behaviours.md §2.5: one message is capped at 16 MiB (a clear error, never a crash).
  def test_result_over_16_mib_is_a_clear_sandbox_error
    sb = sandbox(memory_limit: 256 * MIB)
    error = assert_sandbox_error(sb, "'a' * (20 * 1024 * 1024)")
    assert_match(/16 ?MiB|16777216|too large|exceed|cap|limit/i, error.message)
    assert_usable sb
  end

  def test_result_just_under_16_mib_crosses
    size = (16 * MIB) - 1024
    result = sandbox(memory_limit: 256 * MIB).eval("'a' * #{size}")
    assert_equal size, result.bytesize
  end

  # docs/behaviours.md §5: mruby's 1 MiB string cap is lifted; memory_limit alone bounds sizes.
  def test_strings_larger_than_mruby_default_cap
    assert_equal 5 * MIB, sandbox(memory_limit: 10 * MIB).eval("('x' * (5 * 1024 * 1024)).size")
  end

  def test_arrays_larger_than_mruby_default_cap
    assert_equal 200_000, sandbox(memory_limit: 32 * MIB).eval("Array.new(200_000, 0).size")
  end
end
