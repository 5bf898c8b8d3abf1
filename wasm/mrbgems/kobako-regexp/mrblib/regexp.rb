# Regexp on top of the Oniguruma primitives of src/regexp.c (docs/regexp.md).
#
# $~ is one global for the whole script (mruby has no frame-local
# variables): every matching method below sets it, as CRuby sets the
# caller's; $1..$9, $&, $`, $' and $+ are read from it (the compiler asks
# Regexp.__kobako_ref, see wasm/patches/regexp_backrefs.rb).
class Regexp
  # Literals are compiled once per distinct source and flags and then shared
  # (CRuby also gives a literal one frozen object); 512 entries bound the
  # cache against scripts that build endless dynamic patterns.
  LITERAL_CACHE_MAX = 512
  @__literals = {}

  class << self
    # mruby's compiler turns /src/flags into Regexp.compile(src, "flags"[, enc]).
    def compile(source, options = nil, encoding = nil)
      return new(source, options) unless options.nil? || options.is_a?(String)

      key = "#{options}#{encoding}/#{source}"
      cached = @__literals[key]
      return cached if cached

      @__literals.clear if @__literals.size >= LITERAL_CACHE_MAX
      @__literals[key] = __from_literal(source, options, encoding)
    end

    def __from_literal(source, flags, encoding)
      bits = 0
      flags&.each_char do |c|
        bits |= { "i" => IGNORECASE, "x" => EXTENDED, "m" => MULTILINE }.fetch(c, 0)
      end
      bits |= NOENCODING if encoding == "n"
      source = __unescape_slashes(source) if source.include?("\\/")
      new(source, bits).freeze
    end

    # In a literal, "\/" stands for "/" (CRuby's source drops the backslash).
    def __unescape_slashes(source)
      out = +""
      i = 0
      n = source.bytesize
      while i < n
        c = source.byteslice(i, 1)
        if c == "\\" && i + 1 < n
          nxt = source.byteslice(i + 1, 1)
          out << (nxt == "/" ? "/" : c + nxt)
          i += 2
        else
          out << c
          i += 1
        end
      end
      out
    end

    def escape(str)
      str = str.to_s if str.is_a?(Symbol)
      raise TypeError, "no implicit conversion of #{__kobako_class_name(str)} into String" unless str.is_a?(String)

      __escape(str)
    end
    alias quote escape

    def union(*patterns)
      patterns = patterns[0] if patterns.size == 1 && patterns[0].is_a?(Array)
      return new("(?!)") if patterns.empty?
      return __to_union_part(patterns[0], true) if patterns.size == 1

      new(patterns.map { |pat| __to_union_part(pat, false) }.join("|"))
    end

    def __to_union_part(pat, alone)
      if pat.is_a?(Regexp)
        alone ? pat : pat.to_s
      else
        str = escape(pat)
        alone ? new(str) : str
      end
    end

    def last_match(group = nil)
      md = $~
      return md if group.nil?
      return nil if md.nil?

      md[group]
    end

    # $1..$9 (n > 0), $& (0), $` (-1), $' (-2), $+ (-3): what the compiler
    # emits for those variables.
    def __kobako_ref(n)
      md = $~
      return nil if md.nil?

      case n
      when -1 then md.pre_match
      when -2 then md.post_match
      when -3 then md.__last_group
      else md[n]
      end
    end

    # After `regexp_literal =~ string` the compiler assigns each named group
    # to a local of that name from here (wasm/patches/regexp_named_locals_*.rb).
    def __kobako_named(name)
      md = $~
      md && md[name]
    end

    def __kobako_class_name(obj)
      case obj
      when nil then "nil"
      when true then "true"
      when false then "false"
      else obj.class.to_s
      end
    end

    # A String pattern means its characters literally.
    def __for_pattern(pat)
      return pat if pat.is_a?(Regexp)
      raise TypeError, "wrong argument type #{__kobako_class_name(pat)} (expected Regexp)" unless pat.is_a?(String)

      compile(__escape(pat), "")
    end

    # String#match and friends turn a String into a pattern (not escaped).
    def __for_match(pat)
      return pat if pat.is_a?(Regexp)
      raise TypeError, "wrong argument type #{__kobako_class_name(pat)} (expected Regexp)" unless pat.is_a?(String)

      compile(pat, "")
    end

    def __subject(obj)
      return obj if obj.is_a?(String)
      return obj.to_s if obj.is_a?(Symbol)

      raise TypeError, "no implicit conversion of #{__kobako_class_name(obj)} into String"
    end
  end

  def initialize(source, options = nil, _encoding = nil)
    if source.is_a?(Regexp)
      options = source.options
      source = source.source
    else
      raise TypeError, "no implicit conversion of #{Regexp.__kobako_class_name(source)} into String" unless source.is_a?(String)

      options = if options.is_a?(Integer)
                  options
                elsif options
                  IGNORECASE
                else
                  0
                end
    end
    @source = source.dup.freeze
    @options = options & (IGNORECASE | EXTENDED | MULTILINE | NOENCODING)
    __compile(@source, @options)
  end

  def initialize_copy(other)
    @source = other.source
    @options = other.options
    __compile(@source, @options)
  end

  attr_reader :source, :options

  def casefold?
    @options & IGNORECASE != 0
  end

  def names
    __names.map { |name, _| name }
  end

  def named_captures
    h = {}
    __names.each { |name, nums| h[name] = nums }
    h
  end

  def ==(other)
    other.is_a?(Regexp) && @source == other.source && @options == other.options
  end
  alias eql? ==

  def hash
    [@source, @options].hash
  end

  def to_s
    on = __flag_chars(@options)
    off = __flag_chars(~@options & (MULTILINE | IGNORECASE | EXTENDED))
    "(?#{on}#{off.empty? ? '' : "-#{off}"}:#{@source})"
  end

  def inspect
    src = +""
    escaped = false
    @source.each_char do |c|
      if escaped
        escaped = false
      elsif c == "\\"
        escaped = true
      elsif c == "/"
        src << "\\"
      end
      src << c
    end
    "/#{src}/#{__flag_chars(@options)}#{@options & NOENCODING != 0 ? 'n' : ''}"
  end

  def __flag_chars(bits)
    s = +""
    s << "m" if bits & MULTILINE != 0
    s << "i" if bits & IGNORECASE != 0
    s << "x" if bits & EXTENDED != 0
    s
  end

  # The MatchData of the first match at or after byte offset +byte+, or nil;
  # does not touch $~.
  def __match_from(str, byte)
    offsets = __search(str, byte, str.bytesize, false)
    offsets && MatchData.__new(self, str, offsets)
  end

  def __char_to_byte(str, pos)
    pos += str.size if pos < 0
    return nil if pos < 0 || pos > str.size

    str.__kobako_byte_pos(pos)
  end

  def match(str, pos = 0, &block)
    if str.nil?
      $~ = nil
      return nil
    end
    str = Regexp.__subject(str)
    byte = __char_to_byte(str, pos)
    md = byte && __match_from(str, byte)
    $~ = md
    return block.call(md) if md && block

    md
  end

  def match?(str, pos = 0)
    return false if str.nil?

    str = Regexp.__subject(str)
    byte = __char_to_byte(str, pos)
    !byte.nil? && !__search(str, byte, str.bytesize, false).nil?
  end

  def =~(str)
    md = match(str)
    md && md.begin(0)
  end

  def ===(obj)
    return false unless obj.is_a?(String) || obj.is_a?(Symbol)

    !match(obj).nil?
  end

  def encoding
    @options & NOENCODING != 0 ? Encoding::BINARY : Encoding::UTF_8
  end

  def fixed_encoding?
    !@source.each_char.all? { |c| c.bytesize == 1 }
  end
end
