# frozen_string_literal: true

# Pattern matching in the guest (case/in, `expr => pat`, `expr in pat`),
# tested differentially: every case is Ruby source run by CRuby (the oracle,
# the `ruby` on PATH) and by a fresh Sandbox; the inspect of the result (or of
# the error class and message), and stdout, must be the same. Syntax errors
# must stay syntax errors on both sides. docs/ruby.md describes the feature.

require_relative "test_helper"
require "json"
require "open3"
require "rbconfig"

class PatternMatchingTest < Minitest::Test
  # Same wrapper on both sides: the value's inspect, or the error's class
  # and message, as a String.
  def self.wrap(source)
    "__pm_out = begin\n#{source}\nrescue Exception => e\n  [:error, e.class.to_s, e.message]\nend\n__pm_out.inspect\n"
  end

  # name => source, or name => [CRuby source, guest source] where the two
  # languages spell a setup differently (Data does not exist in Ruby 3.1).
  CASES = {
    # value patterns
    "integer_literal" => "case 5\nin 5 then :five\nend",
    "integer_literal_miss_then_else" => "case 5\nin 6 then :six\nelse :other\nend",
    "string_literal" => 'case "ok"; in "ok" then 1; end',
    "symbol_literal" => "case :a; in :b then 1; in :a then 2; end",
    "float_literal" => "case 1.5; in 1.5 then :f; end",
    "negative_literal" => "case -3; in -3 then :neg; end",
    "nil_pattern" => "case nil; in nil then :nil; end",
    "true_false_patterns" => "[true, false].map { |v| case v; in true then 1; in false then 0; end }",
    "class_pattern" => "[1, 'a', :s, 2.0, nil].map { |v| case v; in Integer then :i; in String then :s; " \
                       "in Symbol then :y; in Float then :f; in NilClass then :n; end }",
    "range_pattern" => "[1, 5, 10].map { |v| case v; in 0..3 then :low; in 4...10 then :mid; else :high; end }",
    "endless_range" => "case 100; in 10.. then :big; end",
    "beginless_range" => "case -5; in ..0 then :nonpositive; end",
    "string_range" => 'case "b"; in "a".."c" then :abc; end',
    "qualified_constant" => "module M; class K; end; end\ncase M::K.new; in M::K then :k; end",
    "top_constant" => "case 1; in ::Integer then :int; end",
    "lambda_value" => "f = ->(x) { x > 2 }\ncase 3; in ^f then :big; end",
    "symbol_array_literal" => "case [:a, :b]; in [:a, :b] then :ab; end",
    "words_literal" => "case %w[x y]; in %w[x y] then :xy; end",
    "self_pattern" => "case self; in ^(self) then :self; end",
    # bare bindings and wildcard
    "bare_binding" => "case 42; in x then x + 1; end",
    "wildcard" => "case 42; in _ then :any; end",
    "underscore_binds" => "case 7; in _; end\n_",
    "binding_visible_after_case" => "case [1, 2]; in [a, b]; end\n[a, b]",
    "binding_after_one_line" => "{name: 'x'} => {name:}\nname",
    # array patterns
    "array_exact" => "case [1, 2]; in [1, 2] then :yes; end",
    "array_bind" => "case [1, 2, 3]; in [a, b, c] then a + b + c; end",
    "array_length_mismatch_multi" => "case [1, 2, 3]; in [a, b] then 1; in [a] then 2; else :none; end",
    "array_splat_tail" => "case [1, 2, 3, 4]; in [first, *rest] then [first, rest]; end",
    "array_splat_head" => "case [1, 2, 3, 4]; in [*init, last] then [init, last]; end",
    "array_splat_middle" => "case [1, 2, 3, 4, 5]; in [a, *mid, b] then [a, mid, b]; end",
    "array_anonymous_splat" => "case [1, 2, 3]; in [1, *] then :starts_with_one; end",
    "array_trailing_comma" => "case [1, 2, 3]; in [a,] then a; end",
    "array_empty" => "[[], [1]].map { |v| case v; in [] then :empty; in [_] then :one; end }",
    "array_nested" => "case [1, [2, [3, 4]]]; in [a, [b, [c, d]]] then [a, b, c, d]; end",
    "array_nested_rest" => "case [1, [2, 3, 4]]; in [a, [b, *rest]] then [a, b, rest]; end",
    "array_brackets_omitted" => "case [1, 2]; in a, b then [b, a]; end",
    "array_brackets_omitted_rest" => "case [1, 2, 3]; in a, *r then r; end",
    "array_top_splat_only" => "case [1, 2]; in *all then all; end",
    "array_not_array" => "case 5; in [a] then a; else :not_array; end",
    "array_of_classes" => "case [1, 'two']; in [Integer, String] then :typed; end",
    "array_splat_empty_rest" => "case [1]; in [a, *r] then r; end",
    "array_post_only" => "case [1, 2, 3]; in [*, x, y] then [x, y]; end",
    # find patterns
    "find_pattern" => "case [1, 42, 'x', :y]; in [*, String => s, *] then s; end",
    "find_pattern_pre_post" => "case [1, 2, 3, 42, 5, 6]; in [*pre, 42, *post] then [pre, post]; end",
    "find_pattern_two_middle" => "case [1, 2, 3, 4]; in [*, 2, x, *] then x; end",
    "find_pattern_first_match" => "case [1, 5, 2, 6]; in [*pre, Integer => n, *] if n > 4 then [pre, n]; end",
    "find_pattern_no_match" => "case [1, 2, 3]; in [*, 9, *] then :found; else :missing; end",
    "find_pattern_short" => "case [1]; in [*, 1, 2, *] then :found; else :short; end",
    # hash patterns
    "hash_key_value" => "case {status: 'ok'}; in {status: 'ok'} then :ok; end",
    "hash_nested_binding" => "case {status: 'ok', data: {id: 7}}\n" \
                             "in {status: 'ok', data: {id: Integer => id}} then id\nend",
    "hash_shorthand" => "case {name: 'kobako', age: 3}; in {name:, age:} then [name, age]; end",
    "hash_braces_omitted" => "case {name: 'kobako'}; in name: String => n then n; end",
    "hash_subset_matches" => "case {a: 1, b: 2}; in {a: 1} then :subset; end",
    "hash_rest" => "case {a: 1, b: 2, c: 3}; in {a:, **rest} then [a, rest]; end",
    "hash_rest_nil_ok" => "case {a: 1}; in {a: 1, **nil} then :exact; end",
    "hash_rest_nil_fails" => "case {a: 1, b: 2}; in {a: 1, **nil} then :exact; else :extra; end",
    "hash_empty_pattern" => "[{}, {a: 1}].map { |h| case h; in {} then :empty; else :full; end }",
    "hash_missing_key" => "case {a: 1}; in {b:} then b; else :nokey; end",
    "hash_string_label" => "case {'a b': 1}; in {'a b': x} then x; end",
    "hash_only_rest" => "case {a: 1}; in {**all} then all; end",
    "hash_not_hash" => "case [1]; in {a:} then a; else :not_hash; end",
    "hash_value_nil" => "case {a: nil}; in {a: nil} then :nil_value; end",
    "hash_array_inside" => "case {list: [1, 2, 3]}; in {list: [first, *]} then first; end",
    "array_hash_inside" => "case [{id: 1}, {id: 2}]; in [{id: a}, {id: b}] then a + b; end",
    "hash_string_keys_dont_match_symbols" => "case {'a' => 1}; in {a: 1} then :sym; else :str; end",
    # alternatives
    "alternative" => "[1, 2, 3].map { |v| case v; in 1 | 2 then :small; else :big; end }",
    "alternative_classes" => "case 'x'; in Integer | String then :scalar; end",
    "alternative_arrays" => "case [2]; in [1] | [2] then :one_or_two; end",
    "alternative_underscore_binding" => "case 5; in _x | 5 then :ok; end",
    "alternative_with_binding_outside" => "case 3; in (1 | 3) => n then n; end",
    # pins
    "pin_local" => "expected = 5\ncase 5; in ^expected then :pinned; end",
    "pin_local_miss" => "expected = 5\ncase 6; in ^expected then :pinned; else :other; end",
    "pin_ivar" => "@want = :x\ncase :x; in ^@want then :ivar; end",
    "pin_gvar" => "$pm_want = 3\ncase 3; in ^$pm_want then :gvar; end",
    "pin_expression" => "n = 2\ncase 4; in ^(n * 2) then :double; end",
    "pin_earlier_binding" => "case [1, 1]; in [a, ^a] then :same; end",
    "pin_earlier_binding_miss" => "case [1, 2]; in [a, ^a] then :same; else :different; end",
    "pin_in_hash" => "id = 9\ncase {id: 9}; in {id: ^id} then :found; end",
    # guards
    "guard_if" => "case 5; in Integer => n if n > 3 then :big; end",
    "guard_if_fails_next" => "case 2; in Integer => n if n > 3 then :big; in Integer then :small; end",
    "guard_unless" => "case 2; in Integer => n unless n > 3 then :small; end",
    "guard_uses_bindings" => "case [3, 4]; in [a, b] if a + b == 7 then :seven; end",
    # binding and forms
    "binding_arrow" => "case [1, 2]; in [Integer, Integer] => pair then pair; end",
    "binding_nested_arrow" => "case {a: [1]}; in {a: [Integer => x] => arr} then [x, arr]; end",
    "newline_form" => "case 3\nin Integer\n  :int\nin String\n  :str\nend",
    "then_semicolon_form" => "case 3; in Integer; :int; end",
    "else_branch" => "case :z\nin :a then 1\nelse\n  :else_branch\nend",
    "empty_body" => "case 1; in Integer; end",
    "empty_else" => "case 1; in String then 1; else; end",
    "case_value_used" => "x = case [1, 2]; in [a, b] then a * 10 + b; end\nx",
    "parenthesized_pattern" => "case 3; in (Integer) then :int; end",
    "case_in_loop" => "[[1, 2], [3], :x].map { |v| case v; in [a, b] then a + b; in [a] then a; in _ then 0; end }",
    "case_in_method" => "def classify(v)\n  case v\n  in [] then :empty\n  in [*, :stop, *] then :stop\n  " \
                        "in {type: t} then t\n  else :unknown\n  end\nend\n" \
                        "[[], [1, :stop], {type: :t}, 5].map { |v| classify(v) }",
    "case_in_block_binding" => "r = []\n[[1, 2], [3, 4]].each { |v| case v; in [x, y]; r << x * y; end }\nr",
    "nested_case_in_guard" => "case [1, 2]\nin [a, b] if (case b; in Integer then true; end) then :nested\nend",
    "pattern_in_body_then_next_clause" => "case [1]\nin [a] then (case a; in 1 then :inner; end)\nend",
    # one-line forms
    "one_line_in_true" => "1 in Integer",
    "one_line_in_false" => "1 in String",
    "one_line_in_binds" => "([1, 2] in [a, b])\n[a, b]",
    "one_line_in_hash" => "({a: 1} in {a: Integer})",
    "one_line_in_condition" => "v = {role: 'admin'}\nif v in {role: 'admin'} then :allowed else :denied end",
    "one_line_arrow_binds" => "[1, [2, 3]] => [a, [b, c]]\n[a, b, c]",
    "one_line_arrow_statement" => "5 => n\nn",
    "one_line_arrow_hash_braceless" => "{x: 1, y: 2} => x:, y:\n[x, y]",
    "rightward_assignment_still_binds" => "42 => answer\nanswer",
    "braceless_label_then_newline" => "case {a: 1}\nin a:\n  a + 1\nend",
    "braceless_labels_then_newline" => "case {a: 1, b: 2}\nin a:, b:\n  [a, b]\nend",
    "newline_before_closing_bracket" => "case [1, 2]\nin [1,\n    2\n   ]\n  :ok\nend",
    "newline_before_closing_brace" => "case {a: 1}\nin {a: 1\n}\n  :ok\nend",
    "newline_inside_hash_pattern" => "case {a: 1, b: 2}\nin {a:,\n    b:}\n  [a, b]\nend",
    "local_variables_shows_bindings_only" => "case [1, {k: 2}]; in [x, {k:}]; end\n[1] => [y]\nlocal_variables",
    # errors: NoMatchingPatternError and its messages
    "no_match_multi_clause_message" => "case [1, 2]; in [a] then 1; in {} then 2; end",
    "no_match_single_length" => "case [1, 2]; in [a]; end",
    "no_match_single_eqq" => "case 1; in String; end",
    "arrow_eqq_message" => "1 => String\n:unreached",
    "arrow_length_message" => "[1, 2] => [a]\n:unreached",
    "arrow_length_rest_message" => "[1] => [a, b, *]\n:unreached",
    "arrow_deconstruct_message" => "1 => [a]\n:unreached",
    "arrow_deconstruct_keys_message" => "1 => {a:}\n:unreached",
    "arrow_nested_eqq_message" => "{a: 1} => {a: String}\n:unreached",
    "arrow_rest_nil_message" => "{a: 1, b: 2} => {a: 1, **nil}\n:unreached",
    "arrow_empty_hash_message" => "{a: 1} => {}\n:unreached",
    "arrow_find_message" => "[1, 2] => [*, 3, *]\n:unreached",
    "arrow_alternative_message" => "1 => 2 | 3\n:unreached",
    "arrow_pin_message" => "1 => ^(2)\n:unreached",
    "single_guard_message" => "case 1; in Integer if false; end",
    "key_error_class_and_message" => "{a: 1} => {b:}\n:unreached",
    "key_error_key_and_matchee" => "begin\n  {a: 1} => {b:}\nrescue NoMatchingPatternKeyError => e\n  " \
                                   "[e.key, e.matchee, e.is_a?(NoMatchingPatternError)]\nend",
    "key_error_is_standard_error" => "begin\n  case 1; in String; end\nrescue StandardError => e\n  e.class\nend",
    "no_match_error_hierarchy" => "[NoMatchingPatternError.superclass, NoMatchingPatternKeyError.superclass]",
    "else_prevents_error" => "case 1; in String then 1; else :fallback; end",
    "deconstruct_must_return_array" => "o = Object.new\ndef o.deconstruct = 1\ncase o; in [x] then x; end",
    "deconstruct_keys_must_return_hash" => "o = Object.new\ndef o.deconstruct_keys(k) = 1\n" \
                                           "case o; in {a:} then a; end",
    # deconstruct / deconstruct_keys protocol
    "user_deconstruct" => "class Pt; def initialize(x, y) = (@x, @y = x, y); def deconstruct = [@x, @y]; end\n" \
                          "case Pt.new(1, 2); in [x, y] then x + y; end",
    "user_const_parens" => "class Pt2; def initialize(x, y) = (@x, @y = x, y); def deconstruct = [@x, @y]; end\n" \
                           "case Pt2.new(3, 4); in Pt2(x, y) then x * y; end",
    "user_const_brackets" => "class Pt3; def deconstruct = [5]; end\ncase Pt3.new; in Pt3[v] then v; end",
    "const_check_fails" => "case [1]; in Hash[a] then a; else :not_hash_class; end",
    "const_empty_parens" => "class E0; def deconstruct = []; end\ncase E0.new; in E0() then :empty; end",
    "user_deconstruct_keys_receives_keys" =>
      "class Kw; attr_reader :seen; def deconstruct_keys(keys) = (@seen = keys; {a: 1, b: 2}); end\n" \
      "k = Kw.new\ncase k; in {a: 1, b:} then [b, k.seen]; end",
    "deconstruct_keys_nil_with_rest" =>
      "class Kr; attr_reader :seen; def deconstruct_keys(keys) = (@seen = keys; {a: 1, b: 2}); end\n" \
      "k = Kr.new\ncase k; in {a:, **rest} then [rest, k.seen]; end",
    "deconstruct_keys_with_rest_nil_gets_keys" =>
      "class Kn; attr_reader :seen; def deconstruct_keys(keys) = (@seen = keys; {a: 1}); end\n" \
      "k = Kn.new\ncase k; in {a:, **nil} then [a, k.seen]; end",
    "deconstruct_keys_empty_pattern" =>
      "class Ke; attr_reader :seen; def deconstruct_keys(keys) = (@seen = keys; {}); end\n" \
      "k = Ke.new\ncase k; in {} then [:empty, k.seen]; end",
    "user_const_keywords" => "class Kc; def deconstruct_keys(keys) = {x: 1, y: 2}; end\n" \
                             "case Kc.new; in Kc(x:, y:) then x + y; end",
    "deconstruct_cached_per_case" =>
      "class Dc; def deconstruct = (puts 'deconstruct'; [1, 2]); end\n" \
      "case Dc.new; in [3] then 1; in [1, 3] | [1, 9] then 2; in [1, 2] then :third; end",
    "deconstruct_not_cached_nested" =>
      "class Dn; def deconstruct = (puts 'deconstruct'; [1, 2]); end\n" \
      "case [Dn.new]; in [[9]] then 1; in [[1, 2]] then :nested; end",
    "deconstruct_cached_const" =>
      "class Dq; def deconstruct = (puts 'deconstruct'; [1]); end\n" \
      "case Dq.new; in Dq(2) then 1; in Dq(1) then :second; end",
    "evaluation_order" =>
      "class Ev\n  def initialize(log) = @log = log\n  def deconstruct = (@log << :deconstruct; [1])\n  " \
      "def deconstruct_keys(k) = (@log << [:keys, k]; {a: 1})\nend\n" \
      "log = []\nv = Ev.new(log)\n" \
      "case v\nin [2] then 0\nin {a: 2} then 1\nin {a: Integer => n} if (log << :guard; true) then log << n\nend\nlog",
    "respond_to_checked" => "o = Object.new\ncase o; in [] then 1; in {} then 2; else :neither; end",
    "struct_deconstruct" => "S = Struct.new(:x, :y)\ncase S.new(1, 2); in [a, b] then a + b; end",
    "struct_deconstruct_keys" => "S2 = Struct.new(:x, :y)\ncase S2.new(1, 2); in {x:, y:} then [x, y]; end",
    "struct_const_keywords" => "S3 = Struct.new(:x, :y)\ncase S3.new(1, 2); in S3(x:) then x; end",
    "struct_unknown_key" => "S4 = Struct.new(:x)\ncase S4.new(1); in {z:} then z; else :no_member; end",
    "struct_deconstruct_keys_direct" =>
      "S5 = Struct.new(:a, :b, :c)\ns = S5.new(1, 2, 3)\n" \
      "[s.deconstruct_keys([:a, :c]), s.deconstruct_keys(nil), s.deconstruct_keys([:a, :zz, :b]), " \
      "s.deconstruct_keys([:a, :b, :c, :d])]",
    "array_deconstruct_is_self" => "a = [1]\na.deconstruct.equal?(a)",
    "hash_deconstruct_keys_is_self" => "h = {a: 1}\nh.deconstruct_keys(nil).equal?(h)",
    "data_like_keywords" => [
      "P = Struct.new(:x, :y, keyword_init: true)\ncase P.new(x: 1, y: 2); in {x:, y:} then [x, y]; end",
      "P = Data.define(:x, :y)\ncase P.new(x: 1, y: 2); in {x:, y:} then [x, y]; end"
    ],
    "data_like_positional" => [
      "P = Struct.new(:x, :y)\ncase P.new(1, 2); in P[a, b] then [a, b]; end",
      "P = Data.define(:x, :y)\ncase P.new(x: 1, y: 2); in P[a, b] then [a, b]; end"
    ],
    # in other constructs
    "alternative_then_binding" => "case 2.0; in Integer | Float => n then n; end",
    "alternative_array_or_hash" => "case({}); in [Integer, *] | {} then :either; end",
    "one_line_in_modifier_if" => "r = []\nr << :mod_if if 1 in Integer\nr",
    "one_line_in_while" => "r = []\nv = [3, 2, 1]\nwhile v in [x, *]\n  r << x\n  v = v.drop(1)\nend\nr",
    "return_from_clause" => "def early(v) = (case v; in [a] then return a * 2; end; :never)\nearly([4])",
    "find_pattern_in_hash_value" => "case {a: [1, 3, 5]}; in {a: [*, 3, *] => found} then found; end",
    "string_or_symbol" => "case :s; in 'str' | :s then :strsym; end",
    "top_array_with_range" => "case [5, 6]; in 1.., Integer then :top; end",
    "nested_wildcards" => "case [1, [2]]; in [_, [_]] then :wild; end",
    "block_in_guard" => "case 1; in Integer if [1, 2].any? { |e| e in 2 } then :block_guard; end",
    "deep_hash" => "case {n: {m: {o: 1}}}; in {n: {m: {o:}}} then o; end",
    "one_line_in_block" => "[1, [2, 3]].then { |a| a in [Integer, [*, 3]] }",
    # output
    "stdout_in_bodies" => "[1, 'a'].each { |v| case v; in Integer then puts 'int'; " \
                          "in String then puts 'str'; end }\n:done",
    "realistic_api_response" =>
      "responses = [{status: 'ok', data: {items: [{id: 1}, {id: 2}]}}, {status: 'error', message: 'boom'}, {}]\n" \
      "responses.map do |r|\n  case r\n  in {status: 'ok', data: {items: [*, {id: 2} => item, *]}} then item\n  " \
      "in {status: 'error', message: String => m} then m.upcase\n  else :unknown\n  end\nend"
  }.freeze

  # Must be syntax errors in CRuby and in the guest.
  SYNTAX_ERRORS = {
    "duplicated_variable" => "case [1, 2]; in [a, a]; end",
    "alternative_binding" => "case 1; in a | 1; end",
    "pin_unknown_local" => "case 1; in ^nope; end",
    "empty_in" => "case 1; in; end",
    "in_without_case" => "in 1",
    "two_splats" => "case [1]; in [*a, *b]; end",
    "duplicated_key" => "case {a: 1}; in {a: 1, a: 2}; end",
    "kwrest_before_key" => "case {a: 1}; in {**r, a:}; end"
  }.freeze

  ORACLE_SCRIPT = <<~RUBY
    require "json"
    require "stringio"
    Warning[:experimental] = false
    # a method's binding: no locals of this script leak into the cases
    def fresh_binding = binding
    out = {}
    JSON.parse($stdin.read).each do |name, code|
      $stdout = StringIO.new
      value = begin
        fresh_binding.eval(code)
      rescue SyntaxError => e
        "oracle syntax error: \#{e.message}"
      end
      out[name] = [value, $stdout.string]
    ensure
      $stdout = STDOUT
    end
    print JSON.generate(out)
  RUBY

  SYNTAX_ORACLE = <<~RUBY
    require "json"
    out = {}
    JSON.parse($stdin.read).each do |name, code|
      RubyVM::InstructionSequence.compile(code)
      out[name] = false
    rescue SyntaxError
      out[name] = true
    end
    print JSON.generate(out)
  RUBY

  def self.run_oracle(script, input)
    stdout, stderr, status = Open3.capture3("ruby", "-e", script, stdin_data: JSON.generate(input))
    raise "CRuby oracle failed: #{stderr}" unless status.success?

    JSON.parse(stdout)
  end

  def self.oracle
    @oracle ||= run_oracle(ORACLE_SCRIPT, CASES.transform_values { |src| wrap(Array(src).first) })
  end

  def self.syntax_oracle
    @syntax_oracle ||= run_oracle(SYNTAX_ORACLE, SYNTAX_ERRORS)
  end

  CASES.each do |name, source|
    define_method("test_pattern_#{name}") do
      expected_value, expected_stdout = self.class.oracle.fetch(name)
      sandbox = Kobako::Sandbox.new
      actual = sandbox.eval(self.class.wrap(Array(source).last))
      assert_equal expected_value, actual, "value of #{name}"
      assert_equal expected_stdout, sandbox.stdout, "stdout of #{name}"
    end
  end

  SYNTAX_ERRORS.each do |name, source|
    define_method("test_pattern_syntax_error_#{name}") do
      assert self.class.syntax_oracle.fetch(name), "CRuby accepts #{name}"
      error = assert_raises(Kobako::SandboxError) { Kobako::Sandbox.new.eval(source) }
      assert_equal "SyntaxError", error.klass
    end
  end

  def test_pattern_case_count
    assert_operator CASES.size + SYNTAX_ERRORS.size, :>=, 100
  end

  BYTECODE_SOURCE = <<~RUBY
    def pm_kind(v)
      case v
      in [Integer => a, *rest] then [:ary, a, rest]
      in {id: Integer => id, **nil} then [:hash, id]
      in [*, :x, *] then :found
      else :other
      end
    end
  RUBY
  BYTECODE_CALL = "[[1, 2, 3], {id: 5}, ['a', :x], {id: 5, more: 1}].map { |v| pm_kind(v) }.inspect"

  # Compiled by the guest, checked by the RITE verifier on preload, then run.
  def test_pattern_bytecode_verifies_and_runs
    expected = self.class.run_oracle(ORACLE_SCRIPT, { "b" => "#{BYTECODE_SOURCE}#{BYTECODE_CALL}" }).fetch("b").first
    sandbox = Kobako::Sandbox.new
    sandbox.preload(binary: Kobako::Bytecode.compile(BYTECODE_SOURCE, name: "pm_kind.rb"))
    assert_equal expected, sandbox.eval(BYTECODE_CALL)
  end
end
