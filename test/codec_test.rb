# frozen_string_literal: true

require "test_helper"

# The host side of the wire (docs/wire.md, docs/values.md), exercised directly.
class CodecTest < KobakoTest
  Codec = Kobako::Codec

  def roundtrip(value)
    Codec.decode(Codec.encode(value))
  end

  def nested(levels, leaf = 1)
    levels.times.reduce(leaf) { |inner, _| [inner] }
  end

  def test_roundtrips
    value = [nil, true, false, 0, -1, (2**63) - 1, -(2**63), 1.5, -0.0, Float::INFINITY, "é", "\xff".b, "",
             :sym, :é, [], {}, { 1 => [2, { "a" => nil }], [1] => :x, nil => 1.0 }]
    assert_equal value, roundtrip(value)
    assert_predicate roundtrip(Float::NAN), :nan?
    assert_equal(-Float::INFINITY, 1.0 / roundtrip(-0.0))
  end

  def test_encodings
    assert_equal Encoding::UTF_8, Codec.encode("é").then { |b| Codec.decode(b) }.encoding
    assert_equal Encoding::BINARY, roundtrip("\xff".b).encoding
    assert_equal "é", roundtrip("é".encode("ISO-8859-1"))
    assert_equal Encoding::UTF_8, roundtrip("a".encode("US-ASCII")).encoding
    assert_equal 0xc4, Codec.encode("x".b).getbyte(0), "binary packs as bin 8"
    assert_equal 0xa1, Codec.encode("x").getbyte(0), "UTF-8 packs as fixstr"
  end

  def test_symbol_and_handle_ext_types
    assert_equal [0xd5, 0, 0x61, 0x62], Codec.encode(:ab).bytes
    handle = Kobako::Handle.from_wire(258)
    assert_equal [0xd6, 1, 0, 0, 1, 2], Codec.encode(handle).bytes
    assert_equal handle, roundtrip(handle)
  end

  def test_handle_is_not_casually_constructible
    assert_raises(NoMethodError) { Kobako::Handle.new(1) }
    handle = Kobako::Handle.from_wire(1)
    assert_predicate handle, :frozen?
    assert_equal 1, handle.id
    assert_raises(ArgumentError) { Kobako::Handle.from_wire(0) }
    assert_raises(Codec::Error) { Codec.decode("\xd6\x01\x00\x00\x00\x00".b) }
    assert_raises(Codec::Error) { Codec.decode("\xd4\x01\x01".b) }
  end

  def test_errors_are_sandbox_errors
    assert_operator Codec::Error, :<, Kobako::SandboxError
    error = assert_raises(Codec::Error) { Codec.encode(Object.new) }
    assert_equal "host", error.origin
    assert_match(/Object/, error.message)
  end

  def test_integers_of_any_size
    [2**63, -(2**63) - 1, 2**64, -(2**64), 2**70, -(2**200), 2**4096].each do |int|
      assert_equal int, roundtrip(int)
      assert_equal 0xc7, Codec.encode(int).getbyte(0), "ext 8 for #{int}" if int.abs < 2**2000
    end
    # ext 2: sign byte, then the big-endian magnitude.
    assert_equal [0xc7, 10, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], Codec.encode(2**64).bytes
    assert_equal [0xc7, 10, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], Codec.encode(-(2**64)).bytes
    assert_equal [0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0], Codec.encode(-(2**63)).bytes, "int64 keeps plain ints"
    assert_equal(-(2**63), Codec.decode([0xc7, 9, 2, 1, 0x80, 0, 0, 0, 0, 0, 0, 0].pack("C*")))
  end

  def test_malformed_big_integers
    assert_raises(Codec::Error) { Codec.decode("\xcf\x80\x00\x00\x00\x00\x00\x00\x00".b) } # uint64 > int64
    assert_raises(Codec::Error) { Codec.decode("\xd4\x02\x00".b) } # sign, no magnitude
    assert_raises(Codec::Error) { Codec.decode("\xd5\x02\x07\x01".b) } # sign byte not 0/1
    assert_raises(Codec::Error) { Codec.decode("\xc7\x00\x02".b) } # empty payload
  end

  def test_declared_sizes_are_never_trusted
    ["\xdd\x7f\xff\xff\xff", "\xdf\x7f\xff\xff\xff", "\xdb\x7f\xff\xff\xff", "\xc6\xff\xff\xff\xff",
     "\xc9\x7f\xff\xff\xff\x00", "\xdc\xff\xff\xc0", "\xde\x00\x02\xc0\xc0\xc0"].each do |bytes|
      error = assert_raises(Codec::Error, bytes.inspect) { Codec.decode(bytes.b) }
      assert_match(/declared/, error.message)
    end
  end

  def test_nesting_cap
    assert_equal 128, depth_of(roundtrip(nested(128)))
    assert_raises(Codec::Error) { Codec.encode(nested(129)) }
    assert_raises(Codec::Error) { Codec.decode("\x91".b + Codec.encode(nested(128))) }
  end

  def test_envelope_does_not_count_toward_nesting
    key, value = Codec.decode_envelope("\x81\xa2ok".b + Codec.encode(nested(128)))
    assert_equal "ok", key
    assert_equal 128, depth_of(value)
    assert_raises(Codec::Error) { Codec.decode_envelope(Codec.encode({ "a" => 1, "b" => 2 })) }
    assert_raises(Codec::Error) { Codec.decode_envelope(Codec.encode([1])) }
    assert_raises(Codec::Error) { Codec.decode_envelope("#{Codec.encode({ 'ok' => 1 })}x".b) }
  end

  def test_cycles
    array = [1]
    array << array
    assert_raises(Codec::Error) { Codec.encode(array) }
    hash = {}
    hash[:self] = hash
    assert_raises(Codec::Error) { Codec.encode(hash) }
    shared = [1]
    assert_equal [[1], [1]], roundtrip([shared, shared])
  end

  def test_unrepresentable
    [Object.new, -> {}, 1..2, Time.now, 1r, Class, Struct.new(:a).new(1)].each do |value|
      assert_raises(Codec::Error, value.inspect) { Codec.encode(value) }
    end
  end

  def test_invalid_strings
    assert_raises(Codec::Error) { Codec.encode("\xff") }
    assert_raises(Codec::Error) { Codec.encode(String.new("\xff", encoding: Encoding::EUC_JP)) }
    assert_raises(Codec::Error) { Codec.decode("\xa1\xff".b) }
  end

  def test_size_cap
    # str 32 has a 5-byte header: this message is exactly 16 MiB.
    assert_equal 16 * MIB, Codec.encode("a" * ((16 * MIB) - 5)).bytesize
    error = assert_raises(Codec::Error) { Codec.encode("a" * ((16 * MIB) - 4)) }
    assert_match(/16 MiB/, error.message)
    assert_raises(Codec::Error) { Codec.decode("\xc0".b * ((16 * MIB) + 1)) }
  end

  def test_malformed_input
    ["".b, "\xc1".b, "\x92\x01".b, "\x01\x02".b].each do |bytes|
      assert_raises(Codec::Error, bytes.inspect) { Codec.decode(bytes) }
    end
    assert_raises(TypeError) { Codec.decode(nil) }
  end
end
