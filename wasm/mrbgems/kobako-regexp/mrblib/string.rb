# The String methods that take a pattern (docs/regexp.md). Methods whose
# String-pattern form mruby already implements exactly in C (index, rindex,
# [], slice!, []=, start_with?, partition, rpartition, split) keep that form
# and only add the Regexp case; the substitution methods (sub, gsub, their
# bang forms, scan) are ours for both, because mruby's versions mix byte and
# character offsets and know no groups.
class String
  alias __kobako_plain_index index
  alias __kobako_plain_rindex rindex
  alias __kobako_plain_aref []
  alias __kobako_plain_slice_bang slice!
  alias __kobako_plain_aset []=
  alias __kobako_plain_start_with? start_with?
  alias __kobako_plain_partition partition
  alias __kobako_plain_rpartition rpartition
  alias __kobako_plain_split split

  def =~(other)
    raise TypeError, "type mismatch: String given" if other.is_a?(String)

    other =~ self
  end

  def match(pattern, pos = 0, &block)
    pattern = Regexp.__for_match(pattern) unless pattern.is_a?(Regexp)
    pattern.match(self, pos, &block)
  end

  def match?(pattern, pos = 0)
    pattern = Regexp.__for_match(pattern) unless pattern.is_a?(Regexp)
    pattern.match?(self, pos)
  end

  def index(pattern, pos = 0)
    return __kobako_plain_index(pattern, pos) unless pattern.is_a?(Regexp)

    md = pattern.__match(self, pos)
    md && md.begin(0)
  end

  def rindex(pattern, pos = nil)
    unless pattern.is_a?(Regexp)
      return pos.nil? ? __kobako_plain_rindex(pattern) : __kobako_plain_rindex(pattern, pos)
    end

    pos = size if pos.nil?
    pos += size if pos < 0
    if pos < 0
      $~ = nil
      return nil
    end
    pos = size if pos > size
    byte = __kobako_byte_pos(pos)
    offsets = pattern.__search(self, byte, 0, false)
    md = offsets && MatchData.__new(pattern, self, offsets)
    $~ = md
    md && md.begin(0)
  end

  def [](*args)
    return __kobako_plain_aref(*args) unless args[0].is_a?(Regexp)

    __kobako_regexp_slice(*args)
  end

  def slice(*args)
    self[*args]
  end

  def __kobako_regexp_slice(pattern, capture = 0)
    md = pattern.match(self)
    md && md[capture]
  end

  def slice!(*args)
    return __kobako_plain_slice_bang(*args) unless args[0].is_a?(Regexp)

    pattern, capture = args
    md = pattern.match(self)
    return nil if md.nil?

    n = md.__index(capture || 0)
    return nil if n.nil? || md.__byte_begin(n) < 0

    taken = md[n]
    __kobako_byte_splice(md.__byte_begin(n), md.__byte_end(n), "")
    taken
  end

  def []=(*args)
    return __kobako_plain_aset(*args) unless args[0].is_a?(Regexp)

    raise ArgumentError, "wrong number of arguments (given #{args.size}, expected 2..3)" unless [2, 3].include?(args.size)

    pattern = args[0]
    capture = args.size == 3 ? args[1] : 0
    value = args[-1]
    md = pattern.match(self)
    raise IndexError, "regexp not matched" if md.nil?

    n = md.__index(capture)
    raise IndexError, "index #{capture} out of regexp" if n.nil?
    raise IndexError, "regexp group #{capture} not matched" if md.__byte_begin(n) < 0

    __kobako_byte_splice(md.__byte_begin(n), md.__byte_end(n), value)
    value
  end

  # Replaces bytes b...e of self with +str+, keeping self's binary mark.
  def __kobako_byte_splice(b, e, str)
    raise FrozenError, "can't modify frozen String: #{inspect}" if frozen?

    binary = __kobako_binary?
    replace(byteslice(0, b) + str + byteslice(e, bytesize - e))
    self.__kobako_binary = binary if binary
    self
  end

  def start_with?(*prefixes)
    prefixes.each do |prefix|
      if prefix.is_a?(Regexp)
        offsets = prefix.__search(self, 0, bytesize, true)
        if offsets
          $~ = MatchData.__new(prefix, self, offsets)
          return true
        end
      elsif __kobako_plain_start_with?(prefix)
        return true
      end
    end
    false
  end

  def partition(pattern)
    return __kobako_plain_partition(pattern) unless pattern.is_a?(Regexp)

    md = pattern.match(self)
    return [dup, "", ""] if md.nil?

    [md.pre_match, md[0], md.post_match]
  end

  def rpartition(pattern)
    return __kobako_plain_rpartition(pattern) unless pattern.is_a?(Regexp)

    return ["", "", dup] if rindex(pattern).nil?

    md = $~
    [md.pre_match, md[0], md.post_match]
  end

  def split(pattern = nil, limit = 0, &block)
    return __kobako_plain_split(pattern, limit, &block) unless pattern.is_a?(Regexp)

    parts = __kobako_regexp_split(pattern, limit)
    return parts unless block

    parts.each(&block)
    self
  end

  # CRuby's algorithm: an empty match right where the last one ended splits
  # off one character; groups are included; limit 0 drops trailing empties.
  def __kobako_regexp_split(pattern, limit)
    len = bytesize
    result = []
    return result if len == 0
    return [dup] if limit == 1

    beg = 0
    start = 0
    last_null = false
    count = 1
    while start <= len && (offsets = pattern.__search(self, start, len, false))
      b = offsets[0]
      e = offsets[1]
      if start == b && b == e
        if last_null
          result << byteslice(beg, __kobako_char_len_at(beg))
          beg = start
        else
          start += start == len ? 1 : __kobako_char_len_at(start)
          last_null = true
          next
        end
      else
        result << byteslice(beg, b - beg)
        beg = start = e
      end
      last_null = false
      i = 2
      while i < offsets.size
        result << byteslice(offsets[i], offsets[i + 1] - offsets[i]) if offsets[i] >= 0
        i += 2
      end
      count += 1
      break if limit > 0 && limit <= count
    end
    result << byteslice(beg, len - beg) if limit != 0 || len > beg
    result.pop while limit == 0 && !result.empty? && result[-1].empty?
    result
  end

  # Bytes taken by the character at byte offset +b+ (1 for binary Strings).
  def __kobako_char_len_at(b)
    return 1 if __kobako_binary?

    __kobako_byte_pos(__kobako_char_pos(b) + 1) - b
  end

  def scan(pattern, &block)
    pattern = Regexp.__for_pattern(pattern)
    return pattern.__scan(self) unless block
    result = []
    start = 0
    len = bytesize
    last = nil
    while start <= len && (md = pattern.__match_bytes(self, start))
      offsets = md.__offsets
      last = md
      item = md.size == 1 ? md[0] : md.captures
      if block
        $~ = md
        block.call(item)
      else
        result << item
      end
      b = offsets[0]
      e = offsets[1]
      start = b == e ? e + (e < len ? __kobako_char_len_at(e) : 1) : e
    end
    $~ = last
    block ? self : result
  end

  def sub(pattern, *replacement, &block)
    __kobako_substitute(pattern, replacement, block, false) || dup
  end

  def gsub(pattern, *replacement, &block)
    return to_enum(:gsub, pattern) if replacement.empty? && block.nil?

    __kobako_substitute(pattern, replacement, block, true) || dup
  end

  def sub!(pattern, *replacement, &block)
    __kobako_substitute_bang(pattern, replacement, block, false)
  end

  def gsub!(pattern, *replacement, &block)
    __kobako_substitute_bang(pattern, replacement, block, true)
  end

  def __kobako_substitute_bang(pattern, replacement, block, global)
    raise FrozenError, "can't modify frozen String: #{inspect}" if frozen?

    result = __kobako_substitute(pattern, replacement, block, global)
    return nil if result.nil?

    binary = __kobako_binary?
    replace(result)
    self.__kobako_binary = binary if binary
    self
  end

  # The substituted String, or nil when nothing matched.
  def __kobako_substitute(pattern, replacement, block, global)
    if replacement.size > 1 || (replacement.empty? && block.nil?)
      raise ArgumentError, "wrong number of arguments (given #{replacement.size + 1}, expected #{block ? 1 : 2})"
    end

    pattern = Regexp.__for_pattern(pattern)
    repl = replacement.empty? ? nil : replacement[0]
    hash = repl.is_a?(Hash) ? repl : nil
    unless replacement.empty? || hash || repl.is_a?(String)
      raise TypeError, "no implicit conversion of #{Regexp.__kobako_class_name(repl)} into String"
    end

    return pattern.__sub_str(self, repl, global) if repl.is_a?(String)

    out = nil
    start = 0
    copied = 0
    len = bytesize
    while start <= len && (md = pattern.__match_bytes(self, start))
      out ||= +""
      offsets = md.__offsets
      b = offsets[0]
      e = offsets[1]
      out << byteslice(copied, b - copied)
      out << if hash
               hash[md[0]].to_s
             elsif !replacement.empty?
               __kobako_expand(repl, md)
             else
               $~ = md
               block.call(md[0]).to_s
             end
      copied = e
      $~ = md
      break unless global

      if b == e
        break if e >= len

        step = __kobako_char_len_at(e)
        out << byteslice(e, step)
        copied = start = e + step
      else
        start = e
      end
    end
    if out.nil?
      $~ = nil
      return nil
    end

    out << byteslice(copied, len - copied) if copied < len
    out.__kobako_binary = true if __kobako_binary?
    out
  end

  # A replacement String with \0 \& \1..\9 \k<name> \` \' \\ filled in.
  def __kobako_expand(repl, md)
    return repl unless repl.byteindex("\\")

    out = +""
    i = 0
    n = repl.bytesize
    while i < n
      c = repl.byteslice(i, 1)
      if c != "\\" || i + 1 >= n
        out << c
        i += 1
        next
      end
      d = repl.byteslice(i + 1, 1)
      i += 2
      case d
      when "0", "&" then out << md[0]
      when "1", "2", "3", "4", "5", "6", "7", "8", "9"
        g = d.to_i
        out << (md[g] || "") if g < md.size
      when "`" then out << md.pre_match
      when "'" then out << md.post_match
      when "\\" then out << "\\"
      when "k"
        close = repl.byteslice(i, 1) == "<" ? repl.byteindex(">", i) : nil
        if close
          name = repl.byteslice(i + 1, close - i - 1)
          out << (md[name] || "")
          i = close + 1
        else
          out << "\\k"
        end
      else
        out << "\\" << d
      end
    end
    out
  end
end

# `line =~ /re/` with a nil line answers nil, as in CRuby.
class NilClass
  def =~(_other)
    nil
  end
end

class Symbol
  def =~(other)
    to_s =~ other
  end

  def match(pattern, pos = 0, &block)
    to_s.match(pattern, pos, &block)
  end

  def match?(pattern, pos = 0)
    to_s.match?(pattern, pos)
  end
end

module Enumerable
  # grep sets $~ for its block, like CRuby; mruby's grep already calls ===.
  def grep_v(pattern, &block)
    ary = []
    each do |*val|
      sv = val.__svalue
      ary.push(block ? block.call(*val) : sv) unless pattern === sv
    end
    ary
  end
end
