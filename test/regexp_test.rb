# frozen_string_literal: true

require "stringio"
require "test_helper"

# Regexp in the guest (docs/regexp.md), tested differentially: every case is
# Ruby source that runs both in this CRuby process (the oracle) and in a real
# Sandbox; the inspect of the result (or the error's class and message) and
# what the case printed must be the same. Then the cases no oracle can
# answer: timeout, memory limit, usability afterwards.
class RegexpTest < KobakoTest
  # The cases are Ruby source kept verbatim (quotes, #{} and escapes as a
  # script would write them).
  # rubocop:disable Style/StringLiterals, Lint/InterpolationCheck
  CASES = {
    literal: [
      '/ab+c/.source', '/a/i.options', '/a/m.options', '/a/x.options', '/a/mix.options',
      '/a b # c/x.match?("ab")', '/a.b/m.match?("a\nb")', '/a.b/.match?("a\nb")',
      '/AbC/i.match?("aBc")', 'x = "b+"; /a#{x}c/.source', 'n = 3; /\d{#{n}}/.match("12345")[0]',
      '/a\/b/.source', '/a\/b/.inspect', '%r{a/b}.source', '%r{a/b}i.inspect', '/\//.match?("/")',
      '/a/.frozen?', '[1, 2].map { /x/ }.uniq.size', '/\Ahello\z/.match?("hello")',
      '/^b$/.match?("a\nb\nc")', '/\Ab\Z/.match?("b\n")', '/\bfoo\b/.match?("a foo b")'
    ],
    constructors: [
      'Regexp.new("a+b").source', 'Regexp.new("ab", Regexp::IGNORECASE).inspect', 'Regexp.new("ab", true).inspect',
      'Regexp.new("ab", Regexp::EXTENDED | Regexp::MULTILINE).options', 'Regexp.new(/x/i).inspect',
      'Regexp.compile("a.c").match?("abc")', 'Regexp.new("a/b").inspect', 'Regexp.new("a/b").source',
      'Regexp.new("a").frozen?', 'Regexp.new(3)'
    ],
    escape_union: [
      'Regexp.escape("a.b*c?")', 'Regexp.escape("a b\n\t(x)[y]{z}|^$#-\\\\")', 'Regexp.quote("1+1")',
      'Regexp.escape(:"a.b")', 'Regexp.union("a.", /b/i, "c").inspect', 'Regexp.union.inspect',
      'Regexp.union("x").inspect', 'Regexp.union(/x/m).inspect', 'Regexp.union(["a", "b"]).match?("b")',
      'Regexp.union("a", "b").source', 'Regexp.new(Regexp.escape("(?)")).match("x(?)y")[0]'
    ],
    regexp_methods: [
      '/ab/i.to_s', '/ab/.to_s', '/ab/mix.to_s', '/a(b)/.inspect', '/a/ == /a/', '/a/ == /a/i',
      '/a/.eql?(Regexp.new("a"))', '/a/.hash == Regexp.new("a").hash', '{ /a/ => 1 }[Regexp.new("a")]',
      '/(?<x>a)(?<y>b)/.names', '/(a)(b)/.names', '/(?<x>a)|(?<x>b)/.named_captures', '/a/i.casefold?',
      '/a/.casefold?', '/b/ =~ "abc"', '/z/ =~ "abc"', '/b/ !~ "abc"', '/z/ !~ "abc"', '/b/ =~ nil',
      'nil =~ /b/', '"abc" !~ /z/', '"abc" !~ /b/',
      '/b/ =~ :abc', '/b/ === "abc"', '/b/ === :abc', '/b/ === 5', '/b/ === nil', '/b/.match?("abc")',
      '/b/.match?("abc", 2)', '/b/.match?(nil)', '/b/.match("abcb", 2).begin(0)', '/b/.match("abc", 9)',
      '/b/.match("abc", -2).begin(0)', '/(b)/.match("abc") { |m| m[1] * 2 }', '/z/.match("abc") { |m| 1 }',
      '/b/ =~ 5', '/(.)(.)/.match("ab").inspect', 'Regexp.new("(")', 'Regexp.new("[a")',
      'Regexp.new("*")', 'Regexp.new("(?<n>a)\\\\k<m>")', 'Regexp.new("a)")',
      'Regexp.new("\\\\")', 'Regexp.new(")")', 'Regexp.new("\\\\1")',
      'Regexp.new("[b-a]")', 'Regexp.new("(?")', 'Regexp.new("x{1000000}")',
      'begin; Regexp.new("a("); rescue RegexpError => e; e.class; end'
    ],
    match_data: [
      'm = /(\d+)-(\d+)/.match("tel 12-345 x"); [m[0], m[1], m[2], m[3], m[-1]]',
      'm = /(\d+)-(\d+)/.match("tel 12-345 x"); [m.pre_match, m.post_match, m.size, m.length]',
      'm = /(\d+)-(\d+)/.match("tel 12-345 x"); [m.captures, m.to_a, m.to_s]',
      'm = /(\d+)-(\d+)/.match("tel 12-345 x"); [m.begin(0), m.end(0), m.begin(2), m.offset(1)]',
      'm = /(\d+)-(\d+)/.match("tel 12-345 x"); [m[1..], m[0, 2], m[-2..-1]]',
      'm = /(\d+)-(\d+)/.match("tel 12-345 x"); m.values_at(0, 2, -1)',
      'm = /(\d+)-(\d+)/.match("tel 12-345 x"); [m.string, m.string.frozen?, m.regexp]',
      'm = /(?<y>\d+)-(?<m>\d+)/.match("2024-05"); [m[:y], m["m"], m.names, m.named_captures]',
      'm = /(?<y>\d+)-(?<m>\d+)/.match("2024-05"); [m.begin(:m), m.end("y"), m.offset(:y)]',
      'm = /(?<y>\d+)-(?<m>\d+)/.match("2024-05"); m.inspect',
      'm = /(?<y>\d+)/.match("2024"); m[:nope]', 'm = /(a)/.match("a"); m.begin(5)',
      'm = /(a)(x)?/.match("a"); [m[2], m.begin(2), m.offset(2), m.captures, m.inspect]',
      'm = /(?<a>x)|(?<a>y)/.match("y"); [m[:a], m.named_captures, m.names]',
      'm = /b/.match("abc"); [m.to_a, m.captures, m.named_captures, m.names]',
      'm = /l+/.match("héllo wörld"); [m.begin(0), m.end(0), m.pre_match, m.offset(0)]',
      'm = /ö/.match("héllo wörld"); [m.begin(0), m.end(0)]',
      '/(a)/.match("a") == /(a)/.match("a")', 'MatchData.respond_to?(:new)'
    ],
    globals: [
      '"ab12" =~ /(\d)(\d)/; [$~[0], $1, $2, $3, $&, $`, $\', $+]',
      '"xyz" =~ /q/; [$~, $1, $&]', '/(a)/ =~ "a"; /b/ =~ "c"; [$~, $1]',
      '"k=v" =~ /(\w)=(\w)/; "#{$1}/#{$2}"', '/(a)/.match("a"); Regexp.last_match.to_a',
      '/(a)(b)/.match("ab"); [Regexp.last_match(2), Regexp.last_match(0)]', '"abc".match?(/b/); $~',
      '"ab" =~ /(a)|(b)/; $+', '"b" =~ /(a)|(b)/; [$1, $2, $+]',
      'r = []; "a1 b2".scan(/(\w)(\d)/) { r << [$1, $2, $~[0]] }; r',
      '"a1b2".gsub(/\d/) { ($&.to_i * 2).to_s }', '"x-y".sub(/(\w)-(\w)/) { "#{$2}-#{$1}" }'
    ],
    named_locals: [
      'if /(?<year>\d+)-(?<mon>\d+)/ =~ "2024-05"; [year, mon]; end',
      '/(?<word>\w+)/ =~ "hi there"; word', '/(?<word>\w+)/ =~ "!!!"; word',
      'r = /(?<a>x)(?<b>y)?/ =~ "zx"; [r, a, b]', 'a = 5; /(?<a>q)/ =~ "zzz"; a',
      '/(?<first>\w+) (?<last>\w+)/ =~ "Ada Lovelace"; "#{last}, #{first}"',
      '/(?<A>x)/ =~ "x"; local_variables.include?(:A)', '/(?<n>\d)(?<=\d)/ =~ "a5"; n',
      %q(x = '(?<v>\d)'; Regexp.new(x) =~ "7"; [$~[:v], local_variables.include?(:v)]),
      '/[(?<z>)]/ =~ "z"; local_variables.include?(:z)'
    ],
    scan: [
      '"hello world".scan(/o/)', '"hello world".scan(/o(.)?/)', '"a1b22c333".scan(/\d+/)',
      '"a1b22c333".scan(/([a-z])(\d+)/)', '"abc".scan(/x*/)', '"abc".scan(//)', '"héllo".scan(/./)',
      '"a.b.c".scan(".")', '"aaa".scan("aa")', 'r = []; "abc".scan(/./) { |c| r << c.upcase }; r',
      '"abc".scan(/./) { }', '"The Cat sat".scan(/\b[A-Z]\w*/)', '"key: v, k2: v2".scan(/(\w+): (\w+)/).to_h',
      '"x".scan(/y/)', '"ab\ncd".scan(/^\w/)', '"ab\ncd".scan(/\w$/)', '"日本語".scan(/\p{Han}/)'
    ],
    sub_gsub: [
      '"hello".gsub(/l/, "L")', '"hello".sub(/l/, "L")', '"hello".gsub("l", "L")', '"a.b.c".gsub(".", "-")',
      '"hello".gsub(/(l)/, "<\\\\1>")', '"hello".gsub(/l/, "[\\\\0]")', '"hello".gsub(/l/, "[\\\\&]")',
      '"hello".sub(/l/, "<\\\\`|\\\\\'>")', '"a-b".gsub(/-/, "\\\\\\\\")', '"a-b".gsub("-", "\\\\\\\\")',
      '"John Smith".sub(/(?<f>\w+) (?<l>\w+)/, "\\\\k<l> \\\\k<f>")', '"abc".gsub(/b/, "b" => "B")',
      '"abc".gsub(/[abc]/, "a" => 1, "b" => :two)', '"hello".gsub(/l/) { |m| m.upcase + "!" }',
      '"hello".gsub(/x/, "y")', '"abc".gsub(/b*/, "-")', '"abc".gsub(//, "-")', '"héllo".gsub(/l/, "ł")',
      '"héllo".gsub(//, "-")', '"aaa".sub(/a/) { |m| $~.pre_match + "|" }', '"abc".gsub(/(?<x>b)/, "[\\\\k<x>]")',
      '"a1".gsub(/(\d)/, "\\\\9")', '"abc".gsub(/b/, "\\\\q")', '"abc".gsub(/b/) { 42 }',
      '"path/to/file".gsub("/", "::")', '"abc".gsub(/b/, nil)', '"abc".sub(/b/)', '"aaa".gsub("", "-")',
      '"CamelCaseString".gsub(/([A-Z])/) { "_" + $1.downcase }.sub(/\A_/, "")',
      '"snake_case_here".gsub(/_(\w)/) { $1.upcase }', '"  lots   of   space ".gsub(/\s+/, " ").strip',
      '"2024-05-06".gsub(/(\d+)-(\d+)-(\d+)/, "\\\\3/\\\\2/\\\\1")', '"abc".sub(/b/, "b" => 1)',
      '"aaa".sub(/a/) { $~.post_match }',
      '"abc".freeze.gsub(/b/, "x").frozen?', '"a-b".gsub(/(?<x>-)/) { Regexp.last_match(:x) * 2 }',
      '"ab".gsub(/(?<n>a)|b/) { $~[:n].inspect }',
      '"a1b2".gsub(/\d/).to_a', '"hello world".gsub(/o/).map { $~.begin(0) }'
    ],
    bang_forms: [
      's = +"hello"; [s.gsub!(/l/, "L"), s]', 's = +"hello"; [s.gsub!(/z/, "L"), s]',
      's = +"hello"; [s.sub!(/l/, "L"), s]', 's = +"hello"; [s.sub!(/z/, "L"), s]',
      's = +"hello"; s.gsub!(/l/) { "_" }; s', 's = "abc".freeze; s.gsub!(/b/, "x")',
      's = "abc".freeze; s.sub!(/z/, "x")', 's = "abc".freeze; s.gsub(/b/, "x")', 's = +"aXbX"; s.sub!("X", "-"); s'
    ],
    split: [
      '"a,b,,c,,".split(/,/)', '"a,b,,c,,".split(/,/, -1)', '"a,b,,c,,".split(/,/, 2)', '"a,b,c".split(/,/, 1)',
      '"a-b_c".split(/([-_])/)', '"a-b_c".split(/(-)|(_)/)', '"abc".split(//)', '"abc".split(//, 2)',
      '"héllo".split(//)', '" a  b ".split(/ /)', '" a  b ".split(/\s+/)', '"a1b2c3".split(/\d/)',
      '"".split(/,/)', '"abc".split(/x/)', '"a, b;c".split(/[,;]\s*/)', '"1 2  3".split(" ")',
      '"a,b".split(",")', '"aXXbXc".split(/X*/)', '"abc".split(/(b)/, 2)', 'r = []; "a b".split(/ /) { |w| r << w }; r'
    ],
    index_slice: [
      '"hello".index(/l/)', '"hello".index(/l/, 3)', '"hello".index(/z/)', '"hello".index(/l/, -2)',
      '"hello".index(/l/, 9)', '"hello".rindex(/l/)', '"hello".rindex(/l/, 2)', '"hello".rindex(/h/, 0)',
      '"hello".rindex(/z/)', '"hello".rindex(//)', '"héllo".index(/l/)', '"héllo".rindex(/l/)',
      '"hello".index("l")', '"hello".rindex("l")', '"hello"[/l+/]', '"hello"[/(h)(e)/, 2]',
      '"hello"[/(?<x>e)l/, "x"]', '"hello"[/(?<x>e)l/, :x]', '"hello"[/z/]', '"hello".slice(/e../)',
      '"hello"[1, 2]', '"hello"["ll"]', 's = +"hello"; [s.slice!(/l+/), s]', 's = +"hello"; [s.slice!(/z/), s]',
      's = +"hello"; [s.slice!(/(h)(e)/, 2), s]', 's = +"hello"; s[/l+/] = "L"; s',
      's = +"hello"; s[/(e)(l)/, 2] = "_"; s',
      's = +"hello"; s[/(?<v>o)/, "v"] = "0"; s', 's = +"hello"; s[/z/] = "_"', 's = +"hello"; s[1] = "a"; s',
      's = +"héllo"; s[/é/] = "e"; s'
    ],
    string_predicates: [
      '"hello" =~ /ll/', '"hello" =~ /zz/', '"hello" =~ "ll"', '"hello".match(/l(l)/)[1]', '"hello".match("l.")[0]',
      '"hello".match(/l/, 3).begin(0)', '"hello".match?(/ell/)', '"hello".match?("e.l")', '"hello".match?(/z/)',
      '"hello".start_with?(/he/)', '"hello".start_with?(/el/)', '"hello".start_with?("x", /h./)',
      '"hello".start_with?("he")', '"hello".partition(/l+/)', '"hello".partition(/z/)', '"hello".rpartition(/l/)',
      '"hello".rpartition(/z/)', '"hello".partition("l")', '"a1b2".rpartition(/\d/)', '"hello".match(5)'
    ],
    symbol_enum_case: [
      ':hello =~ /ll/', ':hello.match(/l+/)[0]', ':hello.match?(/z/)', ':hello.match?(/h/)',
      '%w[apple banana cherry].grep(/an/)', '%w[apple banana cherry].grep(/an/) { |w| w.upcase }',
      '%w[apple banana cherry].grep_v(/an/)', '%w[apple banana cherry].grep_v(/an/) { |w| w.size }',
      '[1, "a1", :b2, nil].grep(/\d/)', '(1..3).map(&:to_s).grep(/[23]/)', '%w[a1 b2].grep(/(\d)/) { $1 }',
      'case "hello"; when /^h(.)/ then $1; else :no; end', 'case "x"; when /y/ then 1; when /x/ then 2; end',
      'case :sym; when /sy/ then :yes; end', 'case "ab12"; when /(\d+)/ then $~[0].to_i + 1; end',
      '"a1 b2".scan(/(?<l>[a-z])(?<d>\d)/)', '"a1 b2".scan(/\d/); $~[0]', '"a1 b2".scan(/\d/); $`',
      'case 5; when /5/ then :yes; else :no; end',
      '%w[b10 a2 a10].sort_by { |s| [s[/\D+/], s[/\d+/].to_i] }', '{ "a1" => 1, "b" => 2 }.select { |k, _| k =~ /\d/ }'
    ],
    syntax: [
      '"aaa".match(/a{2}/)[0]', '"aaaa".match(/a{2,3}?/)[0]', '"abc".match(/(?:a)(b)/)[1]', '"ab".match(/a(?=b)/)[0]',
      '"ab".match(/a(?!c)/)[0]', '"ab".match(/(?<=a)b/)[0]', '"ab".match(/(?<!x)b/)[0]', '"abab".match(/(ab)\1/)[0]',
      '"xaay".match(/(?<c>a)\k<c>/)[0]', '"A1_".scan(/\w/)', '"é1".scan(/\w/)', '"é1".scan(/[[:alpha:]]/)',
      '"a b\tc".scan(/\s/)', '"ff 1g".scan(/\h+/)', '"x1".match(/\d/)[0]', '"aAbB".scan(/[[:upper:]]/)',
      '"ÉCOLE école".scan(/école/i)', '"aaa".match(/a++/)[0]', '"abc".match(/(?i)B/)[0]', '"ab\ncd".match(/b.c/m)[0]',
      '"abc".match(/a(?<rest>.*)/)[:rest]', '"αβγ".match(/β/).begin(0)', '"test123".match(/\A[a-z]+\d+\z/)[0]',
      '"foo.bar@example.com".match?(/\A[\w+\-.]+@[a-z\d\-]+(\.[a-z\d\-]+)*\.[a-z]+\z/i)', '"x" * 3 =~ /x{3}/',
      '/\n\t\d/.source', '/\u00e9/.match?("é")', '/\x41/.match?("A")', '/É/i.match?("é")', '"aé1".scan(/\p{Alpha}/)',
      'x = "a.b"; /#{x}/.match?("axb")', 'x = "a.b"; /#{Regexp.escape(x)}/.match?("axb")',
      "/\n  a # letter a\n  \\d+ # digits\n/x.match('a12')[0]", '/[[:punct:]]+/.match("ab!?c")[0]',
      '/(?<h>\d+):(?<m>\d+)/.match("12:34").values_at(:h, "m", 0)', '/a|ab/.match("ab")[0]',
      '/(a|ab)(c|bcd)/.match("abcd")[0]'
    ],
    output: [
      'puts "a1b2".gsub(/\d/, "#")', 'p "x=1".match(/(\w)=(\d)/).captures',
      '"l1\nl2".each_line { |l| puts l =~ /2/ ? "two" : "one" }', 'p(/a/); p Regexp.new("b", true)'
    ],
    bulk: [
      't = (1..300).map { |i| "w#{i} x#{i * 7 % 13}" }.join(", "); t.scan(/(\w)(\d+)/)',
      't = (1..300).map { |i| "w#{i} x#{i * 7 % 13}" }.join(", "); t.gsub(/\d+/, "<\\\\0>")',
      't = (1..300).map { |i| "w#{i} x#{i * 7 % 13}" }.join(", "); t.gsub(/(\d)(\d)?/) { "#{$2}#{$1}" }',
      't = (1..300).map { |i| "w#{i} x#{i * 7 % 13}" }.join(", "); t.split(/,\s*|\s/).size',
      't = "αβγ δεζ " * 200; [t.scan(/\S+/).size, t.gsub(/β/, "b").index("b", 10), t.gsub(//, "").size]'
    ],
    binary: [
      '"abc".b.match(/b/).begin(0)', '"\xff\x00abc".b.index(/abc/)', '"h\xC3\xA9llo".b.scan(/./).size',
      '"héllo".scan(/./).size', '"a\xffb".b.gsub(/\xff/n, "?")', '"abc".b.gsub(/b/, "x").encoding',
      '"abc".b.sub!(/b/, "x").encoding'
    ]
  }.freeze
  # rubocop:enable Style/StringLiterals, Lint/InterpolationCheck

  # A new frame for each case: CRuby's $~ is frame-local.
  def self.fresh_binding
    binding
  end

  # Runs +source+ here and returns what both sides compare: the inspect of the
  # value or the error, and the captured stdout.
  def self.oracle(source)
    out = StringIO.new
    saved = $stdout
    $stdout = out
    value = begin
      eval("(begin\n#{source}\nend).inspect", fresh_binding, __FILE__, __LINE__)
    rescue StandardError => e
      "#{e.class}: #{e.message}"
    ensure
      $stdout = saved
    end
    [value, out.string]
  end

  # The same in the guest: the inspect is taken inside, so any value compares.
  GUEST_WRAPPER = <<~'RUBY'
    begin
      (begin
      %s
      end).inspect
    rescue StandardError => e
      "#{e.class}: #{e.message}"
    end
  RUBY

  def guest(source)
    sb = (@sandbox ||= sandbox(timeout: 10))
    [sb.eval(GUEST_WRAPPER.sub("%s") { source }), sb.stdout]
  end

  CASES.each do |feature, sources|
    sources.each_with_index do |source, i|
      define_method("test_#{feature}_#{i}") do
        assert_equal self.class.oracle(source), guest(source), "case: #{source}"
      end
    end
  end

  def test_cases_cover_the_surface
    assert_operator CASES.values.sum(&:size), :>=, 150
  end

  def test_invalid_pattern_raises_regexp_error_to_the_host
    error = assert_sandbox_error(sandbox, "Regexp.new('a(')", klass: "RegexpError")
    assert_includes error.message, "end pattern with unmatched parenthesis: /a(/"
  end

  # Known difference (docs/regexp.md): mruby has no frame-local variables, so
  # $~ is one global and a method's match is visible to its caller.
  def test_last_match_is_global_not_frame_local
    assert_equal "q", sandbox.eval('def f; "q" =~ /(q)/; end; "a" =~ /(a)/; f; $1')
  end

  def test_catastrophic_backtracking_is_stopped_by_the_timeout
    sb = sandbox(timeout: 0.5)
    assert_raises(Kobako::TimeoutError) { sb.eval('/(a+)+$/ =~ "a" * 40 + "b"') }
    assert_usable sb
    assert_equal 1, sb.eval('"xab" =~ /a/')
  end

  # Oniguruma allocates from the guest's heap: memory_limit stops it with the
  # host's typed error (the guest cannot swallow it as an ordinary OOM).
  def test_huge_pattern_hits_the_memory_limit_as_a_typed_error
    sb = sandbox(memory_limit: 4 * MIB)
    error = assert_raises(Kobako::MemoryLimitError) do
      sb.eval('Regexp.new("(?:a|b)" * 2_000_000)')
    end
    assert_includes error.message, (4 * MIB).to_s
    assert_operator sb.usage.memory_peak, :<=, 4 * MIB
    assert_usable sb
  end

  def test_huge_match_hits_the_memory_limit_as_a_typed_error
    sb = sandbox(memory_limit: 4 * MIB)
    error = assert_raises(Kobako::MemoryLimitError) do
      sb.eval('s = "ab" * 500_000; /(?:a|b)*\\z/ =~ s')
    end
    assert_includes error.message, (4 * MIB).to_s
    assert_operator sb.usage.memory_peak, :<=, 4 * MIB
    assert_usable sb
  end

  # The same match fits a larger limit (Oniguruma's backtrack stack grows
  # with the subject: one entry per repetition here).
  def test_huge_match_fits_a_larger_memory_limit
    source = 's = "ab" * 100_000; /(?:a|b)*\\z/ =~ s'
    assert_equal eval(source), sandbox(memory_limit: 64 * MIB).eval(source)
  end

  def test_regexps_work_under_the_default_limits
    assert_equal [1000, "x"], sandbox.eval('s = "ab" * 1000; [s.scan(/b/).size, s.gsub(/ab/, "x")[0]]')
  end

  def test_symbol_keys_and_frozen_strings_round_trip
    sb = sandbox
    assert_equal({ word: "hi" }, sb.eval('m = /(?<word>\w+)/.match("hi"); { m.names[0].to_sym => m[:word] }'))
    assert_equal "hi", sb.eval('"hi".freeze.match(/h./)[0]')
  end
end
