# frozen_string_literal: true

# ArgumentError for a String that is not a number, as CRuby 3.1 words it
# (docs/ruby.md, "Core fidelity"): Integer("zz") and "%d" % "zz" raise
# `invalid value for Integer(): "zz"`, Float("x") `invalid value for
# Float(): "x"`, where mruby says `invalid string for number("zz")`. The
# Float one also stops reading the bytes as a C string: it quotes exactly
# the len bytes it was given.
{
  file: "src/string.c",
  edits: [
    [%("invalid string for number(%!l)", str, pend-str), %("invalid value for Integer(): %!l", str, pend-str)],
    [%("invalid string for float(%!s)", s), %("invalid value for Float(): %!l", s, len)]
  ]
}
