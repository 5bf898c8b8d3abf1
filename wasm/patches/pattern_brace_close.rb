# frozen_string_literal: true

# Pattern matching for mruby 3.2's lexer: the closing side of
# pattern_brace_open.rb's brace count.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~C.gsub(/^/, "  "),
    case '}':
      COND_LEXPOP();
  C
  replace: <<~C.gsub(/^/, "  ")
    case '}':
      if (c == '}') p->pm_braces--;
      COND_LEXPOP();
  C
}
