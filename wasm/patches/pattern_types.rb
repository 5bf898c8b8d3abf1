# frozen_string_literal: true

# Pattern matching for mruby 3.2's parser: the value types of the pattern
# grammar's symbols (pattern_grammar.rb).
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~Y,
    %type <id> f_label
  Y
  replace: <<~Y
    %type <id> f_label
    %type <nd> p_case_body p_cases p_top_expr p_top_expr_body p_expr p_as p_alt
    %type <nd> p_expr_basic p_args p_args_head p_args_tail p_find p_rest p_args_post
    %type <nd> p_kwargs p_kwarg p_kw p_any_kwrest p_value p_primitive p_const
    %type <id> p_kw_label
  Y
}
