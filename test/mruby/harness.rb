# Guest-side stand-ins for what mruby's C test driver (mrbgems/mruby-test)
# defines before mruby's test/assert.rb is loaded: t_print, _str_match?
# and Mrbtest::FLOAT_TOLERANCE. Evaluated inside the Sandbox (mruby), ahead of
# assert.rb and one test file; test/mruby/suite.rb reads the counters back.

# Progress dots are not wanted: the host reads the counters instead.
def t_print(*_args)
  nil
end

# The driver's glob match: "*" any run, "?" one character, "[a-z+]" one of a
# set, "{a,b}" either alternative (no nesting), everything else literally.
def _str_match?(pattern, string)
  if (open = pattern.index("{")) && (close = pattern.index("}", open))
    head = pattern[0, open]
    tail = pattern[(close + 1)..-1]
    return pattern[(open + 1)...close].split(",", -1).any? { |alt| _str_match?(head + alt + tail, string) }
  end
  __kobako_glob(pattern, 0, string, 0)
end

def __kobako_glob(pat, i, str, j)
  while i < pat.size
    c = pat[i]
    if c == "*"
      i += 1 while pat[i] == "*"
      return true if i == pat.size

      (j..str.size).each { |k| return true if __kobako_glob(pat, i, str, k) }
      return false
    end
    return false if j >= str.size

    if c == "[" && (close = pat.index("]", i + 1))
      return false unless __kobako_in_set?(pat[(i + 1)...close], str[j])

      i = close + 1
    else
      return false unless c == "?" || c == str[j]

      i += 1
    end
    j += 1
  end
  j == str.size
end

# "a-z+" holds "q" and "+"; a leading "!" or "^" negates.
def __kobako_in_set?(set, char)
  negate = set.start_with?("!", "^")
  set = set[1..-1] if negate
  found = false
  k = 0
  while k < set.size
    if set[k + 1] == "-" && k + 2 < set.size
      found ||= char >= set[k] && char <= set[k + 2]
      k += 3
    else
      found ||= char == set[k]
      k += 1
    end
  end
  found != negate
end

# Wraps assert.rb's `assert` so that the named blocks are not run (they are
# listed under "not_run" in test/mruby/exclusions.yml, with the reason).
def __kobako_skip_asserts(names)
  return if names.empty?

  $kobako_not_run = names
  Object.class_eval do
    alias_method :__kobako_assert, :assert
    define_method(:assert) do |str = "assert", iso = "", &block|
      __kobako_assert(str, iso, &block) unless $kobako_not_run.include?(str)
    end
  end
end

module Mrbtest
  # The driver's tolerance for 64-bit floats (mrbgems/mruby-test/driver.c).
  FLOAT_TOLERANCE = 1e-10
end
