# frozen_string_literal: true

# Pattern matching for mruby 3.2's lexer: each token reads and clears the
# "previous token was a top-level pattern label" flag (pattern_label_state.rb).
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: "  int token_column;\n",
  replace: "  int token_column;\n  int pm_nl = p->pm_nl;\n\n  p->pm_nl = FALSE;\n"
}
