# Integer, Float, Rational, Complex and Math methods where mruby 3.2 lacks
# CRuby's or disagrees with it (docs/ruby.md, "Numbers and formatting").

# 3.integer? -> true, 1.0.integer? -> false: mruby 3.2 has no integer?.
unless Numeric.method_defined?(:integer?)
  class Numeric
    def integer?
      false
    end
  end

  class Integer
    def integer?
      true
    end
  end
end

class Integer

  # 10.gcdlcm(4) -> [2, 20].
  unless method_defined?(:gcdlcm)
    def gcdlcm(other)
      [gcd(other), lcm(other)]
    end
  end

  # A negative Integer power is exact, as CRuby: 2 ** -1 -> (1/2) where
  # mruby answers the Float 0.5; 1 and -1 stay Integers (1 ** -5 -> 1) and
  # 0 ** -1 raises ZeroDivisionError. mruby's Rational holds 64-bit parts
  # only, so a denominator beyond them keeps mruby's Float.
  alias __kobako_pow **
  private :__kobako_pow

  def **(other)
    return __kobako_pow(other) unless other.is_a?(Integer) && other < 0
    raise ZeroDivisionError, "divided by 0" if zero?
    return __kobako_pow(-other) if self == 1 || self == -1

    denominator = __kobako_pow(-other)
    return __kobako_pow(other) if denominator > 0x7fff_ffff_ffff_ffff || denominator < -0x7fff_ffff_ffff_ffff

    Rational(1, denominator)
  end

  # 6[1] -> 1: bit n of the two's complement.
  unless method_defined?(:[])
    def [](bit)
      bit < 0 ? 0 : (self >> bit) & 1
    end
  end

  unless method_defined?(:bit_length)
    def bit_length
      n = self < 0 ? ~self : self
      bits = 0
      while n > 0
        n >>= 1
        bits += 1
      end
      bits
    end
  end
end

class Float
  # round(half: :even / :up / :down) as CRuby: only an exact tie (the
  # double is exactly halfway) goes the chosen way.
  alias __kobako_round round
  private :__kobako_round

  def round(ndigits = 0, half: nil)
    mode = half.nil? ? :up : half.to_sym
    raise ArgumentError, "invalid rounding mode: #{half}" unless %i[up even down].include?(mode)
    return __kobako_round(ndigits) if mode == :up || nan? || infinite?

    scale = 10**ndigits.abs
    exact = ndigits >= 0 ? to_r * scale : to_r / scale
    floor = Kobako.__floor(exact)
    return __kobako_round(ndigits) unless exact - floor == Rational(1, 2)

    n = if mode == :even
          floor.even? ? floor : floor + 1
        else
          self > 0 ? floor : floor + 1
        end
    return n * scale if ndigits < 0
    return n if ndigits == 0

    Rational(n, scale).to_f
  end

  # The exact value of the double (CRuby: 0.75.to_r -> (3/4)). Doubling is
  # exact, so the loop ends within 1,074 steps with an integral mantissa.
  def to_r
    raise FloatDomainError, to_s if nan? || infinite?

    numerator, shift = Kobako.__float_parts(self)
    Rational(numerator, 2**shift)
  end

  # The simplest Rational within eps, or (no eps) within half a unit in the
  # last place, as CRuby's Float#rationalize.
  def rationalize(eps = nil)
    return to_r.rationalize(eps) if eps

    numerator, shift = Kobako.__float_parts(self)
    return Rational(numerator, 1) if shift.zero?

    # CRuby's bounds: (2f - 1) / 2^(1 + shift) and (2f + 1) / 2^(1 + shift).
    Kobako.__simplest_between(Rational(2 * numerator - 1, 2**(shift + 1)),
                              Rational(2 * numerator + 1, 2**(shift + 1)))
  end
end

module Kobako
  # [integer, shift] with float == integer / 2**shift.
  def self.__float_parts(float)
    m = float
    shift = 0
    while m != m.floor
      m *= 2
      shift += 1
    end
    [m.to_i, shift]
  end

  def self.__floor(rational)
    rational.numerator.div(rational.denominator)
  end

  def self.__ceil(rational)
    -(-rational.numerator).div(rational.denominator)
  end
end

class Rational
  def rationalize(eps = nil)
    return self unless eps

    eps = eps.abs.to_r
    Kobako.__simplest_between(self - eps, self + eps)
  end
end

class Integer
  def rationalize(_eps = nil)
    Rational(self, 1)
  end
end

module Kobako
  # The Rational with the smallest denominator in [a, b] (Stern-Brocot walk
  # on continued fractions), as CRuby's nurat_rationalize_internal.
  def self.__simplest_between(low, high)
    return low if low == high

    p0 = 0
    q0 = 1
    p1 = 1
    q1 = 0
    a = low
    b = high
    loop do
      c = __ceil(a)
      return Rational(c * p1 + p0, c * q1 + q0) if c < b

      k = c - 1
      p0, p1 = p1, k * p1 + p0
      q0, q1 = q1, k * q1 + q0
      a, b = 1 / (b - k), 1 / (a - k)
    end
  end

  # "1/3", "0.75", "-2", "1.5/2" -> Rational, or nil when it does not parse.
  def self.__parse_rational(text, strict)
    s = text.strip
    s = s.delete("_")
    num, den = s.split("/", 2)
    value = __parse_decimal(num.to_s)
    value = nil if value && den && !(d = __parse_decimal(den))
    if value.nil?
      raise ArgumentError, "invalid value for convert(): #{text.inspect}" if strict

      return __parse_prefix(text)
    end
    den ? value / d : value
  end

  def self.__parse_decimal(text)
    sign = 1
    t = text
    if t.start_with?("-", "+")
      sign = -1 if t[0] == "-"
      t = t[1..]
    end
    int, frac = t.split(".", 2)
    return nil if int.nil? || int.empty? || !int.each_char.all? { |c| c >= "0" && c <= "9" }
    return nil if frac && (frac.empty? || !frac.each_char.all? { |c| c >= "0" && c <= "9" })

    frac ||= ""
    Rational(sign * (int + frac).to_i, 10**frac.size)
  end

  # String#to_r reads the longest leading rational and ignores the rest.
  def self.__parse_prefix(text)
    s = text.lstrip
    best = Rational(0, 1)
    (1..s.size).each do |n|
      value = __parse_rational_strict(s[0, n])
      best = value if value
    end
    best
  end

  def self.__parse_rational_strict(text)
    num, den = text.split("/", 2)
    value = __parse_decimal(num.to_s)
    return nil unless value
    return value unless den

    d = __parse_decimal(den)
    d && d != 0 ? value / d : nil
  end
end

class String
  unless method_defined?(:to_r)
    def to_r
      Kobako.__parse_rational(self, false)
    end
  end
end

module Kernel
  alias __kobako_rational Rational
  private :__kobako_rational

  private

  def Rational(a, b = nil, exception: true) # rubocop:disable Naming/MethodName
    if a.is_a?(String) || b.is_a?(String)
      begin
        a = Kobako.__parse_rational(a, true) if a.is_a?(String)
        b = Kobako.__parse_rational(b, true) if b.is_a?(String)
      rescue ArgumentError
        raise if exception

        return nil
      end
      return b.nil? ? a : a / b
    end
    b.nil? ? __kobako_rational(a) : __kobako_rational(a, b)
  end
end

class Complex
  # Each part divided as a Float (mruby-complex's fdiv divides Integer parts
  # as Integers now that they stay Integers: wasm/c/complex_ext.c).
  def fdiv(other)
    Complex(real.to_f / other, imaginary.to_f / other)
  end

  unless method_defined?(:**)
    def **(other)
      if other.is_a?(Integer)
        return Complex(1, 0) if other == 0

        base = other < 0 ? Complex(1, 0) / self : self
        n = other.abs
        result = Complex(1, 0)
        while n > 0
          result *= base if n.odd?
          base *= base
          n >>= 1
        end
        return result
      end
      return Complex(1, 0) if other == 0
      return Complex(0, 0) if self == 0

      r = Math.log(abs)
      theta = arg
      other = Complex(other, 0) unless other.is_a?(Complex)
      mag = Math.exp(other.real * r - other.imaginary * theta)
      angle = other.imaginary * r + other.real * theta
      Complex(mag * Math.cos(angle), mag * Math.sin(angle))
    end
  end
end

module Kobako
  # CRuby's sum: Integers added exactly, then, from the first Float on,
  # Kahan-Babuska compensated summation ([0.1, 0.2, 0.3].sum is 0.6), and
  # plain + for anything that is not a number.
  def self.__sum(values, init)
    sum = init
    i = 0
    n = values.size
    while i < n && sum.is_a?(Integer) && values[i].is_a?(Integer)
      sum += values[i]
      i += 1
    end
    if i < n && sum.is_a?(Numeric) && !sum.is_a?(Complex) && (sum.is_a?(Float) || values[i].is_a?(Float))
      f = sum.to_f
      c = 0.0
      while i < n
        e = values[i]
        break unless e.is_a?(Float) || e.is_a?(Integer) || e.is_a?(Rational)

        x = e.to_f
        if x.nan? || f.nan?
          f = Float::NAN
        elsif x.infinite?
          f = f.infinite? && (x > 0) != (f > 0) ? Float::NAN : x
        elsif !f.infinite?
          t = f + x
          c += f.abs >= x.abs ? (f - t) + x : (x - t) + f
          f = t
        end
        i += 1
      end
      sum = f + c
    end
    while i < n
      sum += values[i]
      i += 1
    end
    sum
  end
end

module Enumerable
  def sum(init = 0, &block)
    values = block ? map(&block) : to_a
    Kobako.__sum(values, init)
  end
end

class Array
  def sum(init = 0, &block)
    Kobako.__sum(block ? map(&block) : self, init)
  end
end

class Range
  def sum(init = 0, &block)
    low = self.begin
    high = self.end
    if block.nil? && low.is_a?(Integer) && high.is_a?(Integer) && init.is_a?(Integer)
      high -= 1 if exclude_end?
      return init if high < low

      return init + (low + high) * (high - low + 1) / 2
    end
    Kobako.__sum(block ? map(&block) : to_a, init)
  end
end

module Comparable
  # clamp(range) with an open end (5.clamp(..3)), which mruby refuses.
  alias __kobako_clamp clamp

  def clamp(min, max = nil)
    return __kobako_clamp(min, max) unless min.is_a?(Range) && max.nil?

    low = min.begin
    high = min.end
    raise ArgumentError, "cannot clamp with an exclusive range" if min.exclude_end? && !high.nil?
    return low if !low.nil? && (self <=> low) < 0
    return high if !high.nil? && (self <=> high) > 0

    self
  end
end
