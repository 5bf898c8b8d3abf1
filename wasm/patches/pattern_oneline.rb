# frozen_string_literal: true

# Pattern matching for mruby 3.2's parser: the one-line forms, `expr => pat`
# (nil, or NoMatchingPatternError) and `expr in pat` (true or false), at the
# level of `expr` as in CRuby, desugared by pm_oneline() of pattern_desugar.rb.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~Y.gsub(/^/, " " * 16),
    | '!' command_call
        {
          $$ = call_uni_op(p, cond($2), "!");
        }
    | arg
    ;
  Y
  replace: <<~Y.gsub(/^/, " " * 16)
    | '!' command_call
        {
          $$ = call_uni_op(p, cond($2), "!");
        }
    | arg tASSOC
        {
          p->lstate = EXPR_BEG;
          p->cmd_start = FALSE;
          pm_lex_start(p);
        }
      p_top_expr_body
        {
          p->pm_on = FALSE;
          $$ = pm_oneline(p, $1, $4, 1);
        }
    | arg keyword_in
        {
          p->lstate = EXPR_BEG;
          p->cmd_start = FALSE;
          pm_lex_start(p);
        }
      p_top_expr_body
        {
          p->pm_on = FALSE;
          $$ = pm_oneline(p, $1, $4, 0);
        }
    | arg %prec tLOWEST
    ;
  Y
}
