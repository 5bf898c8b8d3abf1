# frozen_string_literal: true

# Pattern matching for mruby 3.2's parser: `case subject` followed by `in`
# clauses (pattern grammar in pattern_grammar.rb, desugared by pm_case() of
# pattern_desugar.rb).
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~Y.gsub(/^/, " " * 16),
    | keyword_case opt_terms case_body keyword_end
        {
          $$ = new_case(p, 0, $3);
        }
  Y
  replace: <<~Y.gsub(/^/, " " * 16)
    | keyword_case opt_terms case_body keyword_end
        {
          $$ = new_case(p, 0, $3);
        }
    | keyword_case expr_value opt_terms
      p_case_body
      keyword_end
        {
          $$ = pm_case(p, $2, $4);
        }
  Y
}
