# frozen_string_literal: true

# Pattern matching for mruby 3.2's parser: `arg in pat` makes `case x in pat`
# (no newline) and `body in pat` ambiguous with a clause. CRuby reads both as
# the one-line `in`; giving keyword_in a precedence above the plain `expr:
# arg` reduction (marked %prec tLOWEST in pattern_oneline.rb) makes bison
# shift the same way, without conflict warnings.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~Y,
    %nonassoc tLOWEST
  Y
  replace: <<~Y
    %nonassoc tLOWEST
    %nonassoc keyword_in
  Y
}
