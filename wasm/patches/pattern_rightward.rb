# frozen_string_literal: true

# Pattern matching for mruby 3.2's parser: mruby's own experimental
# rightward assignment `expr => name` (a statement) is the special case of
# the one-line pattern `expr => pattern` (pattern_oneline.rb) that binds a
# bare name, and both rules cannot coexist in one grammar, so this removes
# it. `expr => name` still assigns name, now through the pattern; as in
# CRuby the expression's value is nil.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~Y.gsub(/^/, " " * 16),
    | arg tASSOC tIDENTIFIER
        {
          node *lhs = new_lvar(p, $3);
          assignable(p, lhs);
          $$ = new_asgn(p, lhs, $1);
        }
  Y
  replace: ""
}
