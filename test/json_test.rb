# frozen_string_literal: true

require "json"
require "test_helper"
require "support/differential"

# JSON in the guest (docs/ruby.md, "JSON") against CRuby 3.1's json 2.6: the
# same source must give the same value, text and errors, byte for byte.
class JsonTest < KobakoTest
  include Differential

  # The guest always has JSON; CRuby needs the require, so every case starts with it.
  def assert_like_cruby(*sources)
    super(*sources.map { |src| "require 'json'\n#{src}" })
  end

  DOC = '{"a": [1, -2.5e3, null, true, false, "x\\"y\\n\\u00e9\\ud83d\\ude00/"], "b": {"c": {}}, "d": [], ' \
        '"e": 12345678901234567890, "f": -0, "g": 1E2, "h": 0.1}'

  def test_parse_builds_core_values
    assert_like_cruby(
      "JSON.parse(#{DOC.inspect})",
      "JSON.parse(#{DOC.inspect}, symbolize_names: true)",
      'JSON.parse("2")', 'JSON.parse(" \"s\" ")', 'JSON.parse("null")', 'JSON.parse("[1.5, -0.0, 1e-7]")',
      'JSON.parse("{\"a\": 1, \"a\": 2}")', 'JSON.parse("[1, /* two */ 2 // three\n]")',
      'JSON.parse("[\"\\\\t\\\\b\\\\f\\\\r\\\\/\"]")'
    )
  end

  def test_parse_errors
    assert_like_cruby(*['"[1,"', '"{\"a\" 1}"', '"[01]"', '"[1] x"', '"NaN"', '"[\"a\nb\"]"', '"{1: 2}"', '"[.5]"',
                        '"tru"', '""'].map do |src|
                          "begin; JSON.parse(#{src}); rescue JSON::ParserError => e; e.class; end"
                        end)
    assert_like_cruby("JSON::ParserError.ancestors.take(3)", "JSON::GeneratorError.superclass",
                      "JSON::NestingError.superclass")
    error = assert_raises(Kobako::SandboxError) { sandbox.eval('JSON.parse("[1, }")') }
    assert_equal "JSON::ParserError", error.klass
    assert_match(/unexpected token at '}'/, error.message)
  end

  def test_max_nesting
    assert_like_cruby(
      'begin; JSON.parse("[" * 101 + "]" * 101); rescue JSON::NestingError => e; e.message; end',
      'JSON.parse("[" * 100 + "]" * 100).flatten',
      'JSON.parse("[[[1]]]", max_nesting: false)',
      'begin; JSON.parse("[[1]]", max_nesting: 1); rescue JSON::NestingError => e; e.message; end',
      "begin; JSON.generate([[[1]]], max_nesting: 2); rescue JSON::NestingError => e; e.message; end"
    )
  end

  VALUE = '{"a" => [1, 2.5, nil, true, false, "x\"y\n\u0001\u001f/é\\\\", 1e20, 1.0e-5, -0.0], ' \
          ':sym => :val, 1 => {}, nil => [], "n" => {"m" => [[], {}]}, 3.5 => 2**70}'

  def test_generate_is_byte_for_byte_cruby
    assert_like_cruby(
      "JSON.generate(#{VALUE})", "#{VALUE}.to_json", "JSON.generate([])", "JSON.generate({})",
      'JSON.generate("é", ascii_only: true)', 'JSON.generate("😀/\u2028", ascii_only: true, script_safe: true)',
      'JSON.generate([1, 2], indent: "\t", array_nl: "\n")', 'JSON.generate({"a" => 1}, space: " ", space_before: " ")',
      "JSON.generate(1.0 / 3)", "JSON.generate(nil)", 'JSON.generate("plain")',
      'print JSON.generate(["\u2028\u2029"]), JSON.generate(["\u2028/"], script_safe: true)',
      'JSON.generate(["/"], escape_slash: true)'
    )
  end

  def test_pretty_generate_layout
    assert_like_cruby("puts JSON.pretty_generate(#{VALUE})", "JSON.pretty_generate([])", "JSON.pretty_generate({})",
                      'JSON.pretty_generate({"a" => [1, {"b" => {}}, []], "c" => {}})', "jj [1, {a: 2}]")
  end

  def test_to_json_on_core_types_and_objects
    assert_like_cruby(
      '[1.to_json, 2.5.to_json, nil.to_json, true.to_json, false.to_json, :s.to_json, "q\"".to_json, [1].to_json]',
      'class Pt; def initialize(x) = @x = x; def to_s = "pt" + @x.to_s; end; [Pt.new(1)].to_json',
      'class Money; def to_json(*) = "\"$5\""; end; JSON.generate({"m" => Money.new})',
      'Struct.new(:a).new(1).to_json.start_with?("\"#<struct")', "(2**64).to_json"
    )
  end

  def test_nan_and_infinity
    assert_like_cruby(
      "begin; JSON.generate([0.0 / 0]); rescue JSON::GeneratorError => e; e.class; end",
      "begin; (1.0 / 0).to_json; rescue JSON::GeneratorError => e; e.class; end",
      "JSON.generate([1.0 / 0, -1.0 / 0], allow_nan: true)", 'JSON.parse("[NaN, -Infinity]", allow_nan: true).inspect',
      "JSON.dump([1.0 / 0])"
    )
  end

  def test_dump_load_and_brackets
    assert_like_cruby('JSON.dump({"a" => [1, nil]})', 'JSON.load("[1, 2]")', "JSON.load(nil)", 'JSON.load("")',
                      'JSON["[1]"]', "JSON[[1]]", 'JSON("{\"k\": 1}")', 'JSON.parse(JSON.generate({"k" => "é"}))')
  end

  def test_invalid_utf8_is_a_generator_error
    assert_like_cruby('begin; JSON.generate(["\xff"]); rescue JSON::GeneratorError => e; e.class; end')
  end

  # About 100 KB of Service-like records, parsed and generated in the guest.
  # Only correctness is asserted; the time is printed for docs/ruby.md.
  def test_large_document_round_trip
    records = (1..1500).map do |i|
      { "id" => i, "name" => "item #{i} é", "price" => i * 1.25, "tags" => %w[a b], "ok" => i.even? }
    end
    text = JSON.generate(records)
    assert_operator text.bytesize, :>, 100_000
    sb = sandbox(timeout: 30.0, memory_limit: 64 << 20)
    sb.define(:Feed).bind(:Doc, -> { text })
    result = sb.eval(<<~RUBY)
      text = Feed::Doc.call
      doc = JSON.parse(text)
      out = JSON.generate(doc)
      [doc.size, doc[7]["name"], out == text, out.bytesize]
    RUBY
    assert_equal [1500, "item 8 é", true, text.bytesize], result
  end
end
