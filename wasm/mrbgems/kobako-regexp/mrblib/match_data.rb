# MatchData: the result of one match (docs/regexp.md). It keeps the byte
# offsets Oniguruma reported ([b0, e0, b1, e1, ...], -1 for a group that took
# no part) and derives substrings (by bytes) and character offsets (as CRuby
# reports them) on demand.
class MatchData
  class << self
    undef_method :new

    def __new(regexp, string, offsets)
      md = allocate
      md.__init(regexp, string, offsets)
      md
    end
  end

  def __init(regexp, string, offsets)
    @regexp = regexp
    @string = string
    @offsets = offsets
  end

  attr_reader :regexp

  # CRuby hands out a frozen String; the matched one is frozen only if it was.
  def string
    @string.frozen? ? @string : @string.dup.freeze
  end

  def size
    @offsets.size / 2
  end
  alias length size

  def __byte_begin(n)
    @offsets[n * 2]
  end

  def __byte_end(n)
    @offsets[n * 2 + 1]
  end

  def __group(n)
    b = @offsets[n * 2]
    return nil if b.nil? || b < 0

    @string.byteslice(b, @offsets[n * 2 + 1] - b)
  end

  # The group number a name or index stands for (the last one that took part
  # when a name is defined twice), or nil for an index past the end.
  def __index(ref, raise_missing = true)
    case ref
    when Integer
      ref += size if ref < 0
      ref >= 0 && ref < size ? ref : nil
    when String, Symbol
      name = ref.to_s
      pair = @regexp.__name_table.find { |n, _| n == name }
      raise IndexError, "undefined group name reference: #{name}" if pair.nil? && raise_missing
      return nil if pair.nil?

      nums = pair[1]
      nums.reverse.find { |g| __byte_begin(g) >= 0 } || nums.last
    else
      raise TypeError, "no implicit conversion of #{Regexp.__kobako_class_name(ref)} into Integer"
    end
  end

  def [](ref, len = nil)
    return to_a[ref, len] unless len.nil?
    return to_a[ref] if ref.is_a?(Range)

    n = __index(ref)
    n && __group(n)
  end

  def to_a
    (0...size).map { |n| __group(n) }
  end

  def captures
    (1...size).map { |n| __group(n) }
  end

  def named_captures
    h = {}
    @regexp.__name_table.each do |name, nums|
      g = nums.reverse.find { |i| __byte_begin(i) >= 0 } || nums.last
      h[name] = __group(g)
    end
    h
  end

  def names
    @regexp.names
  end

  def values_at(*refs)
    refs.flat_map do |ref|
      ref.is_a?(Range) ? to_a[ref] : [self[ref]]
    end
  end

  def pre_match
    @string.byteslice(0, @offsets[0])
  end

  def post_match
    e = @offsets[1]
    @string.byteslice(e, @string.bytesize - e)
  end

  def to_s
    __group(0)
  end

  def __offset_index(ref)
    n = __index(ref)
    raise IndexError, "index #{ref} out of matches" if n.nil?

    n
  end

  def begin(ref)
    b = __byte_begin(__offset_index(ref))
    b < 0 ? nil : @string.__kobako_char_pos(b)
  end

  def end(ref)
    n = __offset_index(ref)
    __byte_begin(n) < 0 ? nil : @string.__kobako_char_pos(__byte_end(n))
  end

  def offset(ref)
    [self.begin(ref), self.end(ref)]
  end

  def byteoffset(ref)
    n = __offset_index(ref)
    __byte_begin(n) < 0 ? [nil, nil] : [__byte_begin(n), __byte_end(n)]
  end

  # $+: the highest-numbered group that took part.
  def __last_group
    (size - 1).downto(1) { |n| return __group(n) if __byte_begin(n) >= 0 }
    nil
  end

  def ==(other)
    other.is_a?(MatchData) && @regexp == other.regexp && @string == other.__string &&
      @offsets == other.__offsets
  end
  alias eql? ==

  def hash
    [@regexp, @string, @offsets].hash
  end

  def __string
    @string
  end

  def __offsets
    @offsets
  end

  def inspect
    labels = Array.new(size) { |n| n.to_s }
    @regexp.__name_table.each { |name, nums| nums.each { |g| labels[g] = name } }
    parts = (0...size).map do |n|
      value = __group(n)
      shown = value.nil? ? "nil" : value.inspect
      n.zero? ? shown : "#{labels[n]}:#{shown}"
    end
    "#<MatchData #{parts.join(' ')}>"
  end

  def deconstruct
    captures
  end

  def deconstruct_keys(keys)
    h = {}
    named_captures.each { |name, value| h[name.to_sym] = value }
    return h if keys.nil?

    h.select { |k, _| keys.include?(k) }
  end
end
