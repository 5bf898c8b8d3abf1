# Collection methods CRuby 3.1 has and mruby 3.2's gems lack or get wrong,
# found by the CRuby-differential corpus (test/compat/). Each definition
# follows CRuby's documented behaviour; docs/ruby.md lists what remains
# different. Joined into the boot prelude after prelude.rb, so it runs once,
# at pre-initialization. Every alias and helper here is named __kobako_coll_*
# so another prelude file may alias the same methods again (its own
# __kobako_* alias then wraps these definitions instead of replacing the
# original, which would loop).

module Kobako
  # Helpers shared by the definitions below (kept off the core classes).
  module Collections
    # mruby yields several values as several block arguments; CRuby's
    # Enumerable methods see them packed into one Array.
    def self.pack(values)
      values.size == 1 ? values[0] : values
    end

    # Kahan-Babuska compensated summation, as CRuby's Array#sum and
    # Enumerable#sum do once a Float is met: [0.1] * 10 sums to 1.0, not
    # 0.9999999999999999. Non-finite values follow IEEE rules (Inf + -Inf is
    # NaN). +rest+ holds values left to add generically once a value is not
    # an Integer, Float or Rational.
    def self.float_sum(acc, values)
      f = acc.to_f
      c = 0.0
      values.each_with_index do |x, i|
        unless x.is_a?(Float) || x.is_a?(Integer) || x.is_a?(Rational)
          return values[i..-1].inject(f + c) { |s, y| s + y }
        end

        x = x.to_f
        if f.nan?
          next
        elsif x.nan?
          f = x
          next
        elsif x.infinite?
          f = f.infinite? && (x > 0) != (f > 0) ? Float::NAN : x
          next
        elsif f.infinite?
          next
        end
        t = f + x
        c += f.abs >= x.abs ? (f - t) + x : (x - t) + f
        f = t
      end
      f + c
    end

    def self.sum(values, init)
      acc = init
      values.each_with_index do |x, i|
        if (acc.is_a?(Float) && x.is_a?(Numeric)) || (x.is_a?(Float) && acc.is_a?(Numeric))
          return float_sum(acc, values[i..-1])
        end

        acc += x
      end
      acc
    end

    # The n largest by +cmp+ (a two-argument comparison), largest first.
    def self.top(values, n, cmp)
      raise ArgumentError, "negative size (#{n})" if n < 0

      values.sort { |a, b| cmp.call(b, a) }.first(n)
    end

    def self.default_cmp
      ->(a, b) { a <=> b }
    end
  end
end

module Enumerable
  alias __kobako_coll_max max
  alias __kobako_coll_min min
  alias __kobako_coll_max_by max_by
  alias __kobako_coll_min_by min_by

  # max(n) / min(n): the n largest (smallest) elements, in order.
  def max(n = nil, &block)
    return __kobako_coll_max(&block) if n.nil?

    Kobako::Collections.top(to_a, n, block || Kobako::Collections.default_cmp)
  end

  def min(n = nil, &block)
    return __kobako_coll_min(&block) if n.nil?

    cmp = block || Kobako::Collections.default_cmp
    Kobako::Collections.top(to_a, n, ->(a, b) { cmp.call(b, a) })
  end

  def max_by(n = nil, &block)
    return __kobako_coll_max_by(&block) if n.nil? || block.nil?

    pairs = to_a.map { |x| [block.call(x), x] }
    Kobako::Collections.top(pairs, n, ->(a, b) { a[0] <=> b[0] }).map { |pair| pair[1] }
  end

  def min_by(n = nil, &block)
    return __kobako_coll_min_by(&block) if n.nil? || block.nil?

    pairs = to_a.map { |x| [block.call(x), x] }
    Kobako::Collections.top(pairs, n, ->(a, b) { b[0] <=> a[0] }).map { |pair| pair[1] }
  end

  def sum(init = 0, &block)
    values = []
    each { |*v| values << (block ? block.call(*v) : Kobako::Collections.pack(v)) }
    Kobako::Collections.sum(values, init)
  end

  # tally(hash) adds to the counts already in +hash+.
  def tally(hash = nil)
    counts = hash || {}
    raise FrozenError, "can't modify frozen Hash: #{counts.inspect}" if counts.frozen?

    each do |*v|
      x = Kobako::Collections.pack(v)
      counts[x] = counts.fetch(x, 0) + 1
    end
    counts
  end

  # chunk: consecutive elements with the same block value, as [value, elements];
  # nil and :_separator drop an element, :_alone keeps it on its own.
  def chunk(&block)
    return to_enum(:chunk) unless block

    source = self
    Enumerator.new do |out|
      key = nil
      run = nil
      source.each do |*v|
        x = Kobako::Collections.pack(v)
        k = block.call(x)
        if k.nil? || k == :_separator
          out << [key, run] if run
          run = nil
        elsif k == :_alone
          out << [key, run] if run
          out << [:_alone, [x]]
          run = nil
        elsif run && k == key
          run << x
        else
          out << [key, run] if run
          key = k
          run = [x]
        end
      end
      out << [key, run] if run
    end
  end

  # chunk_while: runs of elements where the block holds for each adjacent pair.
  def chunk_while(&block)
    raise ArgumentError, "tried to create Proc object without a block" unless block

    source = self
    Enumerator.new do |out|
      run = nil
      source.each do |*v|
        x = Kobako::Collections.pack(v)
        if run.nil?
          run = [x]
        elsif block.call(run[-1], x)
          run << x
        else
          out << run
          run = [x]
        end
      end
      out << run if run
    end
  end

  # slice_when: splits where the block holds for an adjacent pair.
  def slice_when(&block)
    raise ArgumentError, "tried to create Proc object without a block" unless block

    chunk_while { |a, b| !block.call(a, b) }
  end

  def each_entry(*args, &block)
    return to_enum(:each_entry, *args) unless block

    each(*args) { |*v| block.call(Kobako::Collections.pack(v)) }
    self
  end

  def grep_v(pattern, &block)
    kept = []
    each do |*v|
      x = Kobako::Collections.pack(v)
      kept << (block ? block.call(x) : x) unless pattern === x
    end
    kept
  end

  # to_h with a block sees every value an enumerator yields
  # (each_with_index.to_h { |x, i| ... }).
  def to_h(&block)
    h = {}
    each do |*v|
      pair = block ? block.call(*v) : Kobako::Collections.pack(v)
      raise TypeError, "wrong element type #{pair.class} (expected array)" unless pair.is_a?(Array)
      raise ArgumentError, "element has wrong array length (expected 2, was #{pair.size})" unless pair.size == 2

      h[pair[0]] = pair[1]
    end
    h
  end
end

class Array
  alias __kobako_coll_pop pop

  # pop(n) / shift(n): the last (first) n elements, removed.
  def pop(*n)
    return __kobako_coll_pop if n.empty?
    raise ArgumentError, "wrong number of arguments (given #{n.size}, expected 0..1)" if n.size > 1

    count = n[0].to_int
    raise ArgumentError, "negative array size" if count < 0

    count >= size ? slice!(0, size) : slice!(size - count, count)
  end

  def sum(init = 0, &block)
    Kobako::Collections.sum(block ? map(&block) : self, init)
  end

  def sort_by!(&block)
    return to_enum(:sort_by!) unless block

    replace(sort_by(&block))
  end
end

class Hash
  alias __kobako_coll_transform_keys transform_keys
  alias __kobako_coll_to_h to_h

  def assoc(key)
    each { |k, v| return [k, v] if k == key }
    nil
  end

  def rassoc(value)
    each { |k, v| return [k, v] if v == value }
    nil
  end

  # to_h { |k, v| [new_k, new_v] }: mruby's Hash#to_h ignores the block.
  def to_h(&block)
    return __kobako_coll_to_h unless block

    h = {}
    each do |k, v|
      pair = block.call(k, v)
      raise TypeError, "wrong element type #{pair.class} (expected array)" unless pair.is_a?(Array)
      raise ArgumentError, "element has wrong array length (expected 2, was #{pair.size})" unless pair.size == 2

      h[pair[0]] = pair[1]
    end
    h
  end

  # transform_keys(mapping): keys found in +mapping+ are renamed, the others
  # go through the block (or stay).
  def transform_keys(mapping = nil, &block)
    return __kobako_coll_transform_keys(&block) if mapping.nil?

    h = {}
    each do |k, v|
      key = if mapping.key?(k) then mapping[k]
            elsif block then block.call(k)
            else k
            end
      h[key] = v
    end
    h
  end
end

class Struct
  alias __kobako_coll_each each
  alias __kobako_coll_to_h to_h

  def each(&block)
    return to_enum(:each) unless block

    __kobako_coll_each(&block)
  end

  alias __kobako_coll_each_pair each_pair

  def each_pair(&block)
    return to_enum(:each_pair) unless block

    __kobako_coll_each_pair(&block)
  end

  def to_h(&block)
    return __kobako_coll_to_h unless block

    __kobako_coll_to_h.to_h(&block)
  end
end

class Enumerator
  alias __kobako_coll_initialize initialize

  # Enumerator.new(size) { |y| ... }: the first argument is the size.
  def initialize(*args, **kwd, &block)
    if block
      @__kobako_coll_size = args[0]
      __kobako_coll_initialize(&block)
    else
      __kobako_coll_initialize(*args, **kwd)
    end
  end

  # CRuby's Enumerator#size: computed for the enumerators that know their
  # length without iterating; nil for the others.
  def size
    given = @__kobako_coll_size
    return given.respond_to?(:call) ? given.call : given unless given.nil?

    n = __kobako_coll_source_size
    return nil if n.nil?

    case meth
    when :each_slice then (n + args[0] - 1) / args[0]
    when :each_cons then [n - args[0] + 1, 0].max
    else n
    end
  end

  SIZED = %i[each each_with_index each_with_object map collect flat_map collect_concat select filter filter_map
             reject sort_by min_by max_by group_by partition each_entry each_slice each_cons each_char chars
             each_byte bytes times with_index find_index each_index reverse_each each_key each_value each_pair
             upto downto step].freeze

  def __kobako_coll_source_size
    return nil unless SIZED.include?(meth)
    return nil if obj.is_a?(Enumerator::Lazy)

    case obj
    when Integer
      case meth
      when :times then obj < 0 ? 0 : obj
      when :upto then [args[0] - obj + 1, 0].max
      when :downto then [obj - args[0] + 1, 0].max
      end
    when Range
      return nil if meth == :step

      obj.end.nil? ? Float::INFINITY : obj.size
    when String then %i[each_byte bytes].include?(meth) ? obj.bytesize : obj.size
    when Enumerator then obj.size
    else obj.respond_to?(:size) ? obj.size : nil
    end
  end
  private :__kobako_coll_source_size

  # with_object sees every value the enumerator yields, packed, then the
  # memo: each_with_index.with_object([]) { |(x, i), acc| ... }.
  def with_object(object, &block)
    return to_enum(:with_object, object) unless block

    each { |*v| block.call(Kobako::Collections.pack(v), object) }
    object
  end

  class Lazy
    alias filter select

    # zip over any each-able arguments (Ranges included), padded with nil
    # once one runs out; fresh iterators on every pass.
    def zip(*args, &block)
      source = self
      args.each do |a|
        raise TypeError, "wrong argument type #{a.class} (must respond to :each)" unless a.respond_to?(:each)
      end
      Lazy.new(Enumerator.new do |out|
        iterators = args.map { |a| a.to_enum(:each) }
        source.each do |val|
          row = [val] + iterators.map do |it|
            begin
              it.next
            rescue StopIteration
              nil
            end
          end
          out << (block ? block.call(row) : row)
        end
      end)
    end

    def filter_map(&block)
      Lazy.new(self) do |out, val|
        result = block.call(val)
        out << result if result
      end
    end

    def compact
      Lazy.new(self) { |out, val| out << val unless val.nil? }
    end

    # The index (and uniq's memory) start afresh on every iteration: the
    # state lives in a generator that each pass runs again.
    def with_index(offset = 0, &block)
      source = self
      Lazy.new(Enumerator.new do |out|
        index = offset
        source.each do |val|
          if block
            block.call(val, index)
            out << val
          else
            out << [val, index]
          end
          index += 1
        end
      end)
    end

    def uniq(&block)
      source = self
      Lazy.new(Enumerator.new do |out|
        seen = {}
        source.each do |val|
          key = block ? block.call(val) : val
          next if seen.key?(key)

          seen[key] = true
          out << val
        end
      end)
    end
    alias each_with_index with_index

    def eager
      source = self
      Enumerator.new { |out| source.each { |x| out << x } }
    end

    def size
      nil
    end
  end
end

# Range has its own min / max (mruby-range-ext, which calls super): max(n) /
# min(n) are prepended rather than aliased, so that super still finds them.
module Kobako
  module RangeMinMax
    def max(*n, &block)
      return super(&block) if n.empty?
      raise RangeError, "cannot get the maximum of endless range" if self.end.nil?

      to_a.max(*n, &block)
    end

    def min(*n, &block)
      return super(&block) if n.empty?

      self.end.nil? && !block ? first(n[0]) : to_a.min(*n, &block)
    end
  end
end
Range.prepend(Kobako::RangeMinMax)

class Range
  # step: negative steps walk down ((10..1).step(-3)); Float ranges and steps
  # use CRuby's count-then-multiply walk, so 0.1 steps do not drift.
  def step(n = 1, &block)
    return to_enum(:step, n) unless block
    raise ArgumentError, "step can't be 0" if n == 0

    first = self.begin
    last = self.end
    if first.is_a?(Float) || last.is_a?(Float) || n.is_a?(Float)
      __kobako_coll_float_step(first.to_f, last.nil? ? Float::INFINITY : last.to_f, n.to_f, &block)
    elsif first.is_a?(Numeric)
      __kobako_coll_int_step(first, last, n, &block)
    else
      raise ArgumentError, "step can't be negative" if n < 0

      each_with_index { |x, i| yield x if i % n == 0 }
    end
    self
  end

  def %(n)
    step(n)
  end

  # bsearch over an Integer range: find-minimum mode (the block returns
  # true/false) and find-any mode (the block returns a number).
  def bsearch(&block)
    return to_enum(:bsearch) unless block

    low = self.begin
    high = self.end
    raise TypeError, "can't do binary search for #{low.class}" unless low.is_a?(Integer)

    high -= 1 if exclude_end?
    found = nil
    while low <= high
      mid = low + (high - low) / 2
      verdict = block.call(mid)
      case verdict
      when true
        found = mid
        high = mid - 1
      when false, nil
        low = mid + 1
      when Numeric
        return mid if verdict == 0

        verdict < 0 ? high = mid - 1 : low = mid + 1
      else
        raise TypeError, "wrong argument type #{verdict.class} (must be numeric, true, false or nil)"
      end
    end
    found
  end

  private

  def __kobako_coll_int_step(first, last, n)
    x = first
    if n > 0
      while last.nil? || (exclude_end? ? x < last : x <= last)
        yield x
        x += n
      end
    else
      while last.nil? || (exclude_end? ? x > last : x >= last)
        yield x
        x += n
      end
    end
  end

  def __kobako_coll_float_step(first, last, unit)
    count = (last - first) / unit
    err = (first.abs + last.abs + (last - first).abs) / unit.abs * Float::EPSILON
    err = 0.5 if err > 0.5
    if count.infinite?
      x = first
      loop do
        yield x
        x += unit
      end
    end
    if exclude_end?
      return if count <= 0

      count = count < 1 ? 0 : (count - err).floor
      d = (count + 1) * unit + first
      count += 1 if (first < last && d < last) || (first > last && d > last)
    else
      return if count < 0

      count = (count + err).floor
    end
    (0..count).each do |i|
      d = i * unit + first
      d = last if unit >= 0 ? last < d : d < last
      yield d
    end
  end
end

module Comparable
  alias __kobako_coll_clamp clamp

  # clamp(range): an endless or beginless range clamps one side only.
  def clamp(min, max = (no_max = true))
    return __kobako_coll_clamp(min, max) unless no_max
    raise TypeError, "wrong argument type #{min.class} (expected Range)" unless min.is_a?(Range)

    low = min.begin
    high = min.end
    raise ArgumentError, "cannot clamp with an exclusive range" if min.exclude_end? && !high.nil?
    return self if low.nil? && high.nil?
    return (self > high ? high : self) if low.nil?
    return (self < low ? low : self) if high.nil?

    __kobako_coll_clamp(low, high)
  end
end

class String
  # lines / each_line with chomp: (and a block for lines).
  def lines(sep = "\n", chomp: false, &block)
    parts = __kobako_coll_split_lines(sep, chomp)
    return parts unless block

    parts.each(&block)
    self
  end

  def each_line(sep = "\n", chomp: false, &block)
    # mruby's to_enum would pass chomp: as a positional Hash.
    unless block
      source = self
      return Enumerator.new { |out| source.each_line(sep, chomp: chomp) { |line| out << line } }
    end

    __kobako_coll_split_lines(sep, chomp).each(&block)
    self
  end

  alias __kobako_coll_split split

  # split with a block yields each piece and returns the receiver.
  def split(*args, &block)
    parts = __kobako_coll_split(*args)
    return parts unless block

    parts.each(&block)
    self
  end

  alias __kobako_coll_gsub gsub

  # gsub(string, hash): each match is replaced by hash[match].to_s.
  def gsub(*args, &block)
    if args.size == 2 && args[1].is_a?(Hash)
      table = args[1]
      return __kobako_coll_gsub(args[0]) { |m| table[m].to_s }
    end
    __kobako_coll_gsub(*args, &block)
  end

  # String patterns only; Regexp patterns are docs/regexp.md's business.
  unless method_defined?(:scan)
    def scan(pattern, &block)
      raise TypeError, "wrong argument type #{pattern.class} (expected Regexp)" unless pattern.is_a?(String)

      found = []
      start = 0
      while (i = index(pattern, start))
        found << pattern.dup
        start = i + (pattern.empty? ? 1 : pattern.size)
        break if start > size
      end
      return found unless block

      found.each(&block)
      self
    end
  end

  unless method_defined?(:match?)
    def match?(pattern, pos = 0)
      raise TypeError, "wrong argument type #{pattern.class} (expected Regexp)" unless pattern.is_a?(String)

      !index(pattern, pos).nil?
    end
  end

  private

  def __kobako_coll_split_lines(sep, chomp)
    return [self.dup] if sep.nil?

    sep = sep.to_str
    out = []
    start = 0
    while (i = index(sep, start))
      stop = i + sep.size
      piece = chomp ? self[start...i] : self[start...stop]
      piece = piece[0...-1] if chomp && sep == "\n" && piece.end_with?("\r")
      out << piece
      start = stop
    end
    out << self[start..-1] if start < size
    out
  end
end

class Symbol
  def start_with?(*prefixes)
    to_s.start_with?(*prefixes)
  end

  def end_with?(*suffixes)
    to_s.end_with?(*suffixes)
  end
end
