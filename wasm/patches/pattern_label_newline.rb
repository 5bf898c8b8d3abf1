# frozen_string_literal: true

# Pattern matching for mruby 3.2's lexer: a label at the top level of a
# pattern sets pm_nl (fields of pattern_label_state.rb), so the newline right
# after it ends the pattern as in CRuby instead of being skipped.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~C.gsub(/^/, "    "),
    if (!space_seen && IS_END()) {
      pushback(p, c);
      p->lstate = EXPR_BEG;
      return tLABEL_TAG;
    }
  C
  replace: <<~C.gsub(/^/, "    ")
    if (!space_seen && IS_END()) {
      pushback(p, c);
      p->lstate = EXPR_BEG;
      if (p->pm_on && p->paren_nest == p->pm_paren && p->pm_braces == p->pm_brace) {
        p->pm_nl = TRUE;
      }
      return tLABEL_TAG;
    }
  C
}
