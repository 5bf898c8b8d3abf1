# frozen_string_literal: true

# Pattern matching for mruby 3.2's parser: the pattern grammar
# (values, pins, bindings, alternatives, array/find/hash patterns, Const(...)
# and Const[...]) and the `case ... in` clauses. The actions only build the
# pattern tree of pattern_desugar.rb; pm_case() turns it into nodes.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~Y,
    cases           : opt_else
  Y
  replace: <<~Y
    p_case_body     : keyword_in
                        {
                          /* labels and `{` start a hash pattern right after `in` */
                          p->lstate = EXPR_BEG;
                          p->cmd_start = FALSE;
                          pm_lex_start(p);
                        }
                      p_top_expr then
                      compstmt
                      p_cases
                        {
                          $$ = cons(cons($3, $5), $6);
                        }
                    ;

    p_cases         : none
                    | keyword_else compstmt
                        {
                          $$ = list1(cons(0, $2));
                        }
                    | p_case_body
                    ;

    p_top_expr      : p_top_expr_body
                        {
                          p->pm_on = FALSE;
                          $$ = cons($1, 0);
                        }
                    | p_top_expr_body modifier_if expr_value
                        {
                          p->pm_on = FALSE;
                          $$ = cons($1, cons(nint(0), $3));
                        }
                    | p_top_expr_body modifier_unless expr_value
                        {
                          p->pm_on = FALSE;
                          $$ = cons($1, cons(nint(1), $3));
                        }
                    ;

    p_top_expr_body : p_expr
                    | p_expr ','
                        {
                          $$ = pm_new_ary(p, list1($1), list1(nsym(0)), 0);
                        }
                    | p_expr ',' p_args
                        {
                          $3->cdr->cdr->car = cons($1, $3->cdr->cdr->car);
                          $$ = $3;
                        }
                    | p_find
                    | p_args_tail
                    | p_kwargs
                    ;

    p_expr          : p_as
                    ;

    p_as            : p_expr tASSOC tIDENTIFIER
                        {
                          local_add(p, $3);
                          $$ = list3(nint(PM_BIND), $1, nsym($3));
                        }
                    | p_alt
                    ;

    p_alt           : p_alt '|' p_expr_basic
                        {
                          $$ = list3(nint(PM_ALT), $1, $3);
                        }
                    | p_expr_basic
                    ;

    p_expr_basic    : p_value
                    | tIDENTIFIER
                        {
                          $$ = pm_new_var(p, $1);
                        }
                    | p_const '(' p_args rparen
                        {
                          $$ = pm_with_const(p, $1, $3);
                        }
                    | p_const '(' p_find rparen
                        {
                          $$ = pm_with_const(p, $1, $3);
                        }
                    | p_const '(' p_kwargs rparen
                        {
                          $$ = pm_with_const(p, $1, $3);
                        }
                    | p_const '(' rparen
                        {
                          $$ = pm_with_const(p, $1, pm_new_ary(p, 0, 0, 0));
                        }
                    | p_const '[' p_args p_rbracket
                        {
                          $$ = pm_with_const(p, $1, $3);
                        }
                    | p_const '[' p_find p_rbracket
                        {
                          $$ = pm_with_const(p, $1, $3);
                        }
                    | p_const '[' p_kwargs p_rbracket
                        {
                          $$ = pm_with_const(p, $1, $3);
                        }
                    | p_const '[' ']'
                        {
                          $$ = pm_with_const(p, $1, pm_new_ary(p, 0, 0, 0));
                        }
                    | tLBRACK p_args p_rbracket
                        {
                          $$ = $2;
                        }
                    | tLBRACK p_find p_rbracket
                        {
                          $$ = $2;
                        }
                    | tLBRACK ']'
                        {
                          $$ = pm_new_ary(p, 0, 0, 0);
                        }
                    | tLBRACE p_kwargs p_rbrace
                        {
                          $$ = $2;
                        }
                    | tLBRACE '}'
                        {
                          $$ = list4(nint(PM_HASH), 0, 0, 0);
                        }
                    | tLPAREN p_expr rparen
                        {
                          $$ = $2;
                        }
                    ;

    /* a newline may precede the closing bracket or brace, as in CRuby */
    p_rbracket      : opt_nl ']'
                    ;

    p_rbrace        : opt_nl '}'
                    ;

    p_args          : p_expr
                        {
                          $$ = pm_new_ary(p, list1($1), 0, 0);
                        }
                    | p_args_head
                        {
                          $$ = pm_new_ary(p, $1, list1(nsym(0)), 0);
                        }
                    | p_args_head p_expr
                        {
                          $$ = pm_new_ary(p, push($1, $2), 0, 0);
                        }
                    | p_args_head p_rest
                        {
                          $$ = pm_new_ary(p, $1, $2, 0);
                        }
                    | p_args_head p_rest ',' p_args_post
                        {
                          $$ = pm_new_ary(p, $1, $2, $4);
                        }
                    | p_args_tail
                    ;

    p_args_head     : p_expr ','
                        {
                          $$ = list1($1);
                        }
                    | p_args_head p_expr ','
                        {
                          $$ = push($1, $2);
                        }
                    ;

    p_args_tail     : p_rest
                        {
                          $$ = pm_new_ary(p, 0, $1, 0);
                        }
                    | p_rest ',' p_args_post
                        {
                          $$ = pm_new_ary(p, 0, $1, $3);
                        }
                    ;

    p_find          : p_rest ',' p_args_post ',' p_rest
                        {
                          $$ = list5(nint(PM_FIND), 0, $1, $3, $5);
                        }
                    ;

    p_rest          : tSTAR tIDENTIFIER
                        {
                          local_add(p, $2);
                          $$ = list1(nsym($2));
                        }
                    | tSTAR
                        {
                          $$ = list1(nsym(0));
                        }
                    ;

    p_args_post     : p_expr
                        {
                          $$ = list1($1);
                        }
                    | p_args_post ',' p_expr
                        {
                          $$ = push($1, $3);
                        }
                    ;

    p_kwargs        : p_kwarg ',' p_any_kwrest
                        {
                          $$ = list4(nint(PM_HASH), 0, $1, $3);
                        }
                    | p_kwarg
                        {
                          $$ = list4(nint(PM_HASH), 0, $1, 0);
                        }
                    | p_kwarg ','
                        {
                          $$ = list4(nint(PM_HASH), 0, $1, 0);
                        }
                    | p_any_kwrest
                        {
                          $$ = list4(nint(PM_HASH), 0, 0, $1);
                        }
                    ;

    p_kwarg         : p_kw
                        {
                          $$ = list1($1);
                        }
                    | p_kwarg ',' p_kw
                        {
                          node *l;
                          for (l = $1; l; l = l->cdr) {
                            if (sym(l->car->car) == sym($3->car)) yyerror(p, "duplicated key name");
                          }
                          $$ = push($1, $3);
                        }
                    ;

    p_kw            : p_kw_label p_expr
                        {
                          $$ = cons(nsym($1), $2);
                        }
                    | p_kw_label
                        {
                          local_add(p, $1);
                          $$ = cons(nsym($1), 0);
                        }
                    ;

    p_kw_label      : tIDENTIFIER tLABEL_TAG
                    | string_fragment tLABEL_TAG
                        {
                          if (typen($1->car) == NODE_DSTR) {
                            yyerror(p, "symbol literal with interpolation is not allowed");
                          }
                          $$ = new_strsym(p, $1);
                        }
                    ;

    p_any_kwrest    : tDSTAR tIDENTIFIER
                        {
                          local_add(p, $2);
                          $$ = cons(nint(1), nsym($2));
                        }
                    | tDSTAR
                        {
                          $$ = cons(nint(1), 0);
                        }
                    | tDSTAR keyword_nil
                        {
                          $$ = cons(nint(2), 0);
                        }
                    ;

    p_value         : p_primitive
                        {
                          $$ = list2(nint(PM_VAL), $1);
                        }
                    | p_primitive tDOT2 p_primitive
                        {
                          $$ = list2(nint(PM_VAL), new_dot2(p, $1, $3));
                        }
                    | p_primitive tDOT3 p_primitive
                        {
                          $$ = list2(nint(PM_VAL), new_dot3(p, $1, $3));
                        }
                    | p_primitive tDOT2
                        {
                          $$ = list2(nint(PM_VAL), new_dot2(p, $1, new_nil(p)));
                        }
                    | p_primitive tDOT3
                        {
                          $$ = list2(nint(PM_VAL), new_dot3(p, $1, new_nil(p)));
                        }
                    | tBDOT2 p_primitive
                        {
                          $$ = list2(nint(PM_VAL), new_dot2(p, new_nil(p), $2));
                        }
                    | tBDOT3 p_primitive
                        {
                          $$ = list2(nint(PM_VAL), new_dot3(p, new_nil(p), $2));
                        }
                    | '^' tIDENTIFIER
                        {
                          $$ = pm_new_pin(p, $2);
                        }
                    | '^' tIVAR
                        {
                          $$ = list2(nint(PM_VAL), new_ivar(p, $2));
                        }
                    | '^' tGVAR
                        {
                          $$ = list2(nint(PM_VAL), new_gvar(p, $2));
                        }
                    | '^' tCVAR
                        {
                          $$ = list2(nint(PM_VAL), new_cvar(p, $2));
                        }
                    | '^' tLPAREN expr_value rparen
                        {
                          $$ = list2(nint(PM_VAL), $3);
                        }
                    | p_const
                        {
                          $$ = list2(nint(PM_VAL), $1);
                        }
                    ;

    p_primitive     : literal
                    | string
                    | xstring
                    | regexp
                    | keyword_nil
                        {
                          $$ = new_nil(p);
                        }
                    | keyword_self
                        {
                          $$ = new_self(p);
                        }
                    | keyword_true
                        {
                          $$ = new_true(p);
                        }
                    | keyword_false
                        {
                          $$ = new_false(p);
                        }
                    ;

    p_const         : tCOLON3 tCONSTANT
                        {
                          $$ = new_colon3(p, $2);
                        }
                    | p_const tCOLON2 tCONSTANT
                        {
                          $$ = new_colon2(p, $1, $3);
                        }
                    | tCONSTANT
                        {
                          $$ = new_const(p, $1);
                        }
                    ;

    cases           : opt_else
  Y
}
