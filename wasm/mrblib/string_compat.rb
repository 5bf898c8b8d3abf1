# String methods where mruby 3.2 differs from CRuby (docs/ruby.md, "Core
# fidelity"): case mapping beyond ASCII (Latin-1 Supplement, Latin
# Extended-A, Greek, Cyrillic), succ carrying across punctuation, the
# character specs of delete/count ("l-o", "^a"), unpack1.

module Kobako
  # Upper -> lower and lower -> upper tables, built once at boot (and baked
  # into the snapshot) from the blocks' regular layouts. code points:
  upper = []
  lower = []
  add = ->(up, low) { upper << up; lower << low }
  (0xC0..0xDE).each { |c| add.call(c, c + 0x20) unless c == 0xD7 }           # À-Þ / à-þ
  add.call(0x178, 0xFF)                                                         # Ÿ ÿ
  [(0x100..0x12F), (0x132..0x137), (0x14A..0x177)].each do |r|                  # Ā ā ... (even upper)
    r.step(2) { |c| add.call(c, c + 1) }
  end
  [(0x139..0x148), (0x179..0x17E)].each { |r| r.step(2) { |c| add.call(c, c + 1) } } # Ĺ ĺ ... (odd upper)
  (0x391..0x3A9).each { |c| add.call(c, c + 0x20) unless c == 0x3A2 }         # Α-Ω / α-ω
  add.call(0x386, 0x3AC)                                                        # Ά ά
  (0x388..0x38A).each { |c| add.call(c, c + 0x25) }                            # Έ Ή Ί
  add.call(0x38C, 0x3CC)                                                        # Ό ό
  add.call(0x38E, 0x3CD)                                                        # Ύ ύ
  add.call(0x38F, 0x3CE)                                                        # Ώ ώ
  (0x410..0x42F).each { |c| add.call(c, c + 0x20) }                            # А-Я / а-я
  (0x400..0x40F).each { |c| add.call(c, c + 0x50) }                            # Ѐ-Џ / ѐ-џ
  [(0x460..0x481), (0x48A..0x4BF), (0x4D0..0x52F)].each { |r| r.step(2) { |c| add.call(c, c + 1) } }
  DOWNCASE = {}
  UPCASE = {}
  upper.each_with_index do |u, i|
    DOWNCASE[u.chr("UTF-8")] = lower[i].chr("UTF-8")
    UPCASE[lower[i].chr("UTF-8")] = u.chr("UTF-8")
  end
  DOWNCASE.freeze
  UPCASE["ς"] = "Σ" # final sigma
  UPCASE["µ"] = "Μ"
  UPCASE["ß"] = "SS"
  UPCASE.freeze

  def self.__map_case(str, mode)
    out = +""
    first = true
    str.each_char do |c|
      table = case mode
              when :up then UPCASE
              when :down then DOWNCASE
              when :capitalize then first ? UPCASE : DOWNCASE
              else UPCASE.key?(c) ? UPCASE : DOWNCASE
              end
      first = false
      mapped = table[c]
      out << if mapped
               mapped
             elsif c.bytesize == 1
               table.equal?(UPCASE) ? c.__kobako_ascii_upcase : c.__kobako_ascii_downcase
             else
               c
             end
    end
    out
  end

  # A delete/count character spec ("a-z", "^aeiou", "\\-") as a predicate.
  def self.__char_spec(spec)
    chars = spec.chars
    negate = chars.size > 1 && chars[0] == "^"
    chars.shift if negate
    singles = {}
    ranges = []
    i = 0
    while i < chars.size
      c = chars[i]
      if c == "\\" && i + 1 < chars.size
        i += 1
        c = chars[i]
      elsif i + 2 < chars.size && chars[i + 1] == "-"
        low = c
        high = chars[i + 2]
        raise ArgumentError, "invalid range \"#{low}-#{high}\" in string transliteration" if low > high

        ranges << (low..high)
        i += 3
        next
      end
      singles[c] = true
      i += 1
    end
    ->(ch) { (singles.key?(ch) || ranges.any? { |r| r.include?(ch) }) != negate }
  end

  def self.__char_specs(specs)
    raise ArgumentError, "wrong number of arguments (given 0, expected 1+)" if specs.empty?

    preds = specs.map { |s| __char_spec(s.to_str) }
    ->(ch) { preds.all? { |pr| pr.call(ch) } }
  end
end

class String
  alias __kobako_ascii_upcase upcase
  alias __kobako_ascii_downcase downcase
  alias __kobako_ascii_capitalize capitalize
  alias __kobako_ascii_swapcase swapcase

  def upcase(*_options)
    bytesize == size ? __kobako_ascii_upcase : Kobako.__map_case(self, :up)
  end

  def downcase(*_options)
    bytesize == size ? __kobako_ascii_downcase : Kobako.__map_case(self, :down)
  end

  def capitalize(*_options)
    bytesize == size ? __kobako_ascii_capitalize : Kobako.__map_case(self, :capitalize)
  end

  def swapcase(*_options)
    bytesize == size ? __kobako_ascii_swapcase : Kobako.__map_case(self, :swap)
  end

  def upcase!(*options)
    mapped = upcase(*options)
    mapped == self ? nil : replace(mapped)
  end

  def downcase!(*options)
    mapped = downcase(*options)
    mapped == self ? nil : replace(mapped)
  end

  def capitalize!(*options)
    mapped = capitalize(*options)
    mapped == self ? nil : replace(mapped)
  end

  def swapcase!(*options)
    mapped = swapcase(*options)
    mapped == self ? nil : replace(mapped)
  end

  # mruby's own byte-wise succ, kept for binary Strings and invalid UTF-8
  # (`"\xff".b.succ`), where characters are bytes.
  alias __kobako_byte_succ succ

  # CRuby's succ: the rightmost alphanumeric is incremented and the carry
  # moves to the next alphanumeric on its left, over punctuation only into
  # one of the same kind ("1.9" -> "2.0", "az" -> "ba", "zz" -> "aaa",
  # "a-9" -> "a-10").
  def succ
    return +"" if empty?
    return __kobako_byte_succ if __kobako_binary? || !__kobako_valid_utf8?

    chars = self.chars
    i = chars.size - 1
    i -= 1 while i >= 0 && !Kobako.__alnum?(chars[i])
    if i < 0
      chars[-1] = (chars[-1].ord + 1).chr("UTF-8")
      return chars.join
    end
    loop do
      c = chars[i]
      carry = { "z" => "a", "Z" => "A", "9" => "0" }[c]
      unless carry
        chars[i] = (c.ord + 1).chr("UTF-8")
        return chars.join
      end
      chars[i] = carry
      j = i - 1
      j -= 1 while j >= 0 && !Kobako.__alnum?(chars[j])
      if j < 0 || (j < i - 1 && Kobako.__digit?(chars[j]) != Kobako.__digit?(c))
        chars.insert(i, { "a" => "a", "A" => "A", "0" => "1" }[carry])
        return chars.join
      end
      i = j
    end
  end
  alias next succ

  def succ!
    replace(succ)
  end
  alias next! succ!

  def delete(*specs)
    match = Kobako.__char_specs(specs)
    each_char.reject { |c| match.call(c) }.join
  end

  def delete!(*specs)
    result = delete(*specs)
    result == self ? nil : replace(result)
  end

  def count(*specs)
    match = Kobako.__char_specs(specs)
    each_char.count { |c| match.call(c) }
  end

  def unpack1(format)
    unpack(format)[0]
  end
end

module Kobako
  def self.__digit?(c)
    c >= "0" && c <= "9"
  end

  def self.__alnum?(c)
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
  end
end
