# frozen_string_literal: true

# Pattern matching for mruby 3.2's lexer: count open braces, so a label inside
# `{...}` is not mistaken for one at a pattern's top level (see
# pattern_label_state.rb).
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~C.gsub(/^/, "    "),
      c = tLBRACE;      /* hash */
    COND_PUSH(0);
    CMDARG_PUSH(0);
  C
  replace: <<~C.gsub(/^/, "    ")
      c = tLBRACE;      /* hash */
    p->pm_braces++;
    COND_PUSH(0);
    CMDARG_PUSH(0);
  C
}
