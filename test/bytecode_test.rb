# frozen_string_literal: true

require_relative "test_helper"

# docs/behaviours.md §2.3: `preload(binary:)` and `Kobako::Bytecode.compile`. Invalid bytecode
# is a Kobako::BytecodeError at the first and every later invocation — never a
# crash, a trap or partial state (docs/bytecode.md).
class BytecodeTest < KobakoTest
  TOOL = <<~RUBY
    class Acc
      def initialize(n = 1, *rest, k: 2) = (@n = n; @k = k)
      def add(x) = @n += x * @k
    end
    Go = ->(xs, scale: 3) do
      a = Acc.new(1, k: scale)
      xs.each { |x| a.add(x) rescue nil }
      begin
        raise "too many" if xs.size > 100
      ensure
        a.add(1)
      end
      [a.add(0), "s\#{xs.size}", :sym, 1.5, (2**70).to_s]
    end
  RUBY
  GO_RESULT = [22, "s3", :sym, 1.5, (2**70).to_s].freeze

  # Exercises most of the instruction set, so the verifier is checked against
  # what mruby's compiler really emits (no false rejections).
  CORPUS = <<~'RUBY'
    module Shapes
      class Base
        attr_reader :name
        @@count = 0
        def initialize(name) = (@name = name; @@count += 1)
        def self.count = @@count
        def area = raise(NotImplementedError)
        def <=>(other) = area <=> other.area
        include Comparable
      end
      class Square < Base
        def initialize(side) = (super("square"); @side = side)
        def area = @side * @side
      end
      class Circle < Base
        def initialize(r, precise: false) = (super("circle"); @r = r; @precise = precise)
        def area = (@precise ? Math::PI : 3) * @r**2
        alias size area
      end
    end
    $seen = []
    Corpus = lambda do |*sides, extra: {}, **opts, &blk|
      shapes = sides.map { |s| s % 2 == 1 ? Shapes::Square.new(s) : Shapes::Circle.new(s, **opts) }
      total = shapes.sum(&:area)
      big = shapes.max
      words = %w[a b c].each_with_index.to_h { |w, i| [w.to_sym, i] }
      acc = 0
      i = 0
      while i < 10
        i += 1
        next if i % 2 == 0
        break if i > 7
        acc += i
      end
      until acc > 100 do acc *= 2 end
      kind = case total
             when 0..10 then :small
             when Integer then :int
             else :other
             end
      x, (y, z), *rest = [1, [2, 3], 4, 5]
      tries = 0
      begin
        tries += 1
        raise ArgumentError, "retry me" if tries < 3
      rescue ArgumentError
        retry
      ensure
        $seen << tries
      end
      caught = catch(:done) { 10.times { |n| throw :done, n if n == 4 }; :never }
      fib = Fiber.new { Fiber.yield 1; 2 }
      s = Struct.new(:a, :b).new(1, 2)
      h = { "k" => [1.5, nil, true, false], sym: :val, 3 => 2**65 }
      str = <<~TEXT
        total=#{total} big=#{big.name}
      TEXT
      safe = nil&.length
      neg = -7.0.abs + -3
      undef_test = Class.new { def gone = 1; undef gone }.new.respond_to?(:gone)
      blk_result = blk ? blk.call(acc) : nil
      [total, big.name, words, acc, kind, x, y, z, rest, tries, caught, fib.resume, fib.resume,
       s.to_a, h["k"], h[3].to_s, str, safe, neg, undef_test, Shapes::Base.count, blk_result,
       extra, (1..4).to_a, [3, 1, 2].sort.reverse, "a-b".split("-"), $seen]
    end
  RUBY

  def compile(source = TOOL, name: "tool.rb", debug: true)
    Kobako::Bytecode.compile(source, name: name, debug: debug)
  end

  def test_compile_returns_rite_bytecode_as_a_binary_string
    bytes = compile
    assert_equal Encoding::BINARY, bytes.encoding
    assert bytes.start_with?("RITE0300"), bytes[0, 8].inspect
    assert_equal bytes.bytesize, bytes[8, 4].unpack1("N")
  end

  def test_round_trip_compile_preload_run
    box = sandbox.preload(binary: compile)
    assert_equal GO_RESULT, box.run(:Go, [1, 2, 3])
    assert_equal GO_RESULT, box.run(:Go, [1, 2, 3]) # verified and replayed again
  end

  def test_the_compiled_corpus_runs_exactly_like_source
    from_source = sandbox.eval("#{CORPUS}\nCorpus.call(1, 2, 3, extra: { q: 1 }) { |v| v + 1 }")
    box = sandbox.preload(binary: compile(CORPUS, name: "corpus.rb"))
    box.preload(code: "Wrapped = ->(*a, **k) { Corpus.call(*a, **k) { |v| v + 1 } }", name: :Wrapped)
    assert_equal from_source, box.run(:Wrapped, 1, 2, 3, extra: { q: 1 })
    assert_equal 22, from_source[0] # square 1 + circle 3*2**2 + square 9
  end

  def test_backtrace_file_name_comes_from_debug_info
    box = sandbox.preload(binary: compile("Boom = -> {\n  raise KeyError, 'gone'\n}", name: "lib/boom.rb"))
    error = assert_raises(Kobako::SandboxError) { box.run(:Boom) }
    assert_equal "KeyError", error.klass
    assert_equal ["lib/boom.rb:2"], error.backtrace_lines
  end

  def test_bytecode_without_debug_info_is_accepted
    plain = compile("Boom = -> { raise 'no lines' }\nRaiseNow = 1", debug: false)
    assert_operator plain.bytesize, :<, compile("Boom = -> { raise 'no lines' }\nRaiseNow = 1").bytesize
    box = sandbox.preload(binary: plain)
    assert_equal 1, box.eval("RaiseNow")
    error = assert_raises(Kobako::SandboxError) { box.run(:Boom) }
    assert_equal "RuntimeError: no lines", error.message
    top = sandbox.preload(binary: compile("raise 'at load'", debug: false), name: :Loader)
    assert_includes assert_raises(Kobako::SandboxError) { top.eval("1") }.backtrace_lines, "(snippet:Loader)"
  end

  def test_compile_reports_syntax_errors_and_validates_its_name
    error = assert_raises(Kobako::SandboxError) { compile("def broken(", name: "bad.rb") }
    assert_equal "SyntaxError", error.klass
    assert_match(/bad\.rb:1:\d+/, error.message)
    ["", "a\0b", "x" * 256, nil, 1].each do |name|
      assert_raises(ArgumentError, name.inspect) { compile("1", name: name) }
    end
    assert_raises(TypeError) { Kobako::Bytecode.compile(:code, name: "x.rb") }
  end

  def corrupted_variants
    good = compile
    wrong_version = good.dup.tap { |b| b[4, 4] = "0200" }
    newer_version = good.dup.tap { |b| b[4, 4] = "0400" }
    bad_section = good.dup.tap { |b| b[20, 4] = "IREQ" }
    bad_opcode = good.dup.tap { |b| b.setbyte(good.index("IREP") + 26, 0xF0) } # first instruction
    {
      "empty" => "".b, "text" => "hello, world".b, "header only" => good[0, 20],
      "huge garbage" => Random.new(7).bytes(2 * MIB), "RITE garbage" => "RITE0300#{Random.new(8).bytes(500)}",
      "wrong version" => wrong_version, "newer version" => newer_version, "bad section" => bad_section,
      "bad opcode" => bad_opcode, "padded" => "#{good}\0"
    }.merge([1, 12, 19, 21, 40, good.bytesize / 2, good.bytesize - 9, good.bytesize - 1].to_h do |cut|
      ["truncated at #{cut}", good[0, cut]]
    end)
  end

  def test_corrupted_bytecode_is_a_bytecode_error_at_every_invocation
    corrupted_variants.each do |label, bytes|
      box = sandbox.preload(code: "puts 'earlier snippet ran'", name: :Earlier)
      box.preload(binary: bytes)
      2.times do
        error = assert_raises(Kobako::BytecodeError, label) { box.eval("1") }
        assert_match(/preloaded bytecode #2 is invalid: /, error.message, label)
        assert_equal "", box.stdout, "#{label}: nothing may run before the bytecode is checked"
      end
      assert_raises(Kobako::BytecodeError, label) { box.run(:Go) }
    end
  end

  def test_version_errors_say_which_version
    error = assert_raises(Kobako::BytecodeError) do
      sandbox.preload(binary: corrupted_variants.fetch("wrong version"), name: :Old).eval("1")
    end
    assert_match(/preloaded bytecode Old is invalid: RITE format version "0200" is not supported/, error.message)
    assert_equal "Kobako::BytecodeError", error.klass
  end

  # Every single-byte flip of a real program: the verifier refuses most of
  # them, and whatever it cannot tell from a valid program (a changed literal,
  # a different register) runs as ordinary code under the same caps. Nothing
  # may trap, crash or hang.
  def test_every_single_byte_flip_is_refused_or_runs_as_ordinary_code
    good = compile
    outcomes = Hash.new(0)
    [0xFF, 0x01].each do |mask|
      good.bytesize.times do |i|
        bytes = good.dup.tap { |b| b.setbyte(i, b.getbyte(i) ^ mask) }
        outcomes[flip_outcome(bytes, i)] += 1
      end
    end
    assert_operator outcomes[:bytecode_error], :>, outcomes.values.sum / 2, outcomes.inspect
    assert_empty outcomes.keys - %i[bytecode_error cap sandbox_error value], outcomes.inspect
  end

  def flip_outcome(bytes, offset)
    box = sandbox(timeout: 2.0).preload(binary: bytes)
    box.run(:Go, [1, 2, 3])
    :value
  rescue Kobako::BytecodeError
    :bytecode_error
  rescue Kobako::SandboxError, Kobako::ServiceError
    raise "flip at #{offset} of a header byte was not refused" if offset < 12

    :sandbox_error
  rescue Kobako::MemoryLimitError, Kobako::TimeoutError
    :cap # e.g. a flipped register count asks for more stack than memory_limit allows
  end
end
