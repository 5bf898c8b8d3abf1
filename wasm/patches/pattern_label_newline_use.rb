# frozen_string_literal: true

# Pattern matching for mruby 3.2's lexer: the token after a top-level pattern
# label (pattern_label_newline.rb) does not skip a newline, which then ends
# the pattern.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~C.gsub(/^/, "    "),
    heredoc_treat_nextline(p);
    p->column = 0;
    switch (p->lstate) {
  C
  replace: <<~C.gsub(/^/, "    ")
    heredoc_treat_nextline(p);
    p->column = 0;
    switch (pm_nl ? EXPR_END : p->lstate) {
  C
}
