# frozen_string_literal: true

require "test_helper"

# docs/wire.md: each wire constant has one name per side — Ruby
# (lib/kobako/codec.rb), the extension (ext/kobako/src/codec.rs, exposed as
# Kobako::Native::Codec) and the guest (wasm/src/limits.rs, encode.rs). The
# first two are compared directly; the guest's are checked by what it does at
# each limit.
class WireConstantsTest < KobakoTest
  def test_ruby_and_extension_agree
    native = Kobako::Native::Codec
    assert_equal Kobako::Codec::MAX_BYTES, native::MAX_MESSAGE
    assert_equal 16 * MIB, native::MAX_MESSAGE
    assert_equal Kobako::Codec::MAX_DEPTH, native::MAX_DEPTH
    assert_equal 128, native::MAX_DEPTH
    assert_equal Kobako::Codec::SYMBOL_EXT, native::SYMBOL_EXT
    assert_equal Kobako::Codec::HANDLE_EXT, native::HANDLE_EXT
    assert_equal Kobako::Codec::BIGINT_EXT, native::BIGINT_EXT
    assert_equal [0, 1, 2], [native::SYMBOL_EXT, native::HANDLE_EXT, native::BIGINT_EXT]
  end

  # The guest's MAX_DEPTH: it writes 128 levels and refuses 129, and reads
  # back exactly what the host wrote at 128.
  def test_guest_depth_cap_agrees
    sb = sandbox
    assert_equal Kobako::Codec::MAX_DEPTH, depth_of(sb.eval("a = 1; #{Kobako::Codec::MAX_DEPTH}.times { a = [a] }; a"))
    assert_sandbox_error(sb, "a = 1; #{Kobako::Codec::MAX_DEPTH + 1}.times { a = [a] }; a", klass: "RangeError")
  end

  # The guest's ext tags: what it sends decodes, on the host, as the type
  # the host gives the same tag.
  def test_guest_ext_tags_agree
    sb = sandbox
    maker = Object.new
    def maker.make = Object.new
    sb.define(:T).bind(:Maker, maker)
    assert_equal [:sym, 2**70], sb.eval("[:sym, 2**70]")
    assert_equal Kobako::Codec::SYMBOL_EXT, Kobako::Codec.encode(:ab).getbyte(1)
    assert_equal Kobako::Codec::BIGINT_EXT, Kobako::Codec.encode(2**70).getbyte(2)
    assert_same true, sb.eval("Kobako::Handle === T::Maker.make")
  end

  # The guest's MAX_MESSAGE: the outcome `{"ok" => str 32}` has 4 + 5 bytes
  # of headers, so a 16 MiB - 9 byte String is the largest result; one byte
  # more is refused in the guest (never sent as an oversized outcome).
  def test_guest_size_cap_agrees
    sb = sandbox(memory_limit: 256 * MIB)
    largest = Kobako::Codec::MAX_BYTES - 9
    assert_equal largest, sb.eval("'a' * #{largest}").bytesize
    assert_sandbox_error(sb, "'a' * #{largest + 1}", klass: "RangeError", message: /16 MiB/)
    assert_usable sb
  end
end
