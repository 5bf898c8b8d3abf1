# Regexp on top of the Oniguruma primitives of src/regexp.c (docs/regexp.md).
#
# $~ is one global for the whole script (mruby has no frame-local
# variables): every matching method below sets it, as CRuby sets the
# caller's; $1..$9, $&, $`, $' and $+ are read from it (the compiler asks
# Regexp.__kobako_ref, see wasm/patches/regexp_backrefs.rb).
class Regexp
  class << self
    # Regexp.compile (in src/regexp.c) caches literals and calls this for a
    # literal it has not seen: mruby's compiler turns /src/flags into
    # Regexp.compile(src, "flags"[, encoding]).
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
    # Read on every named lookup; taken now because literals are frozen.
    @__names = __names
  end

  def initialize_copy(other)
    @source = other.source
    @options = other.options
    __compile(@source, @options)
    @__names = __names
  end

  # [[name, [group, ...]], ...] in definition order.
  def __name_table
    @__names
  end

  attr_reader :source, :options

  def casefold?
    @options & IGNORECASE != 0
  end

  def names
    @__names.map { |name, _| name }
  end

  def named_captures
    h = {}
    @__names.each { |name, nums| h[name] = nums }
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

  # =~, ===, match? and __match (which sets $~) are in src/regexp.c.
  def match(str, pos = 0, &block)
    md = __match(str, pos)
    return block.call(md) if md && block

    md
  end

  def encoding
    @options & NOENCODING != 0 ? Encoding::BINARY : Encoding::UTF_8
  end

  def fixed_encoding?
    !@source.each_char.all? { |c| c.bytesize == 1 }
  end
end
