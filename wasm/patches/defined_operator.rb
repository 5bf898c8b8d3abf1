# frozen_string_literal: true

# `defined?(expr)` (docs/ruby.md, "defined?"): mruby 3.2's parser has no
# `defined?` at all; `defined?(x)` parses as a call of a method named
# "defined?" (NoMethodError at run time). The guest's parser now rewrites
# that call, when it has exactly one argument, into code that answers what
# CRuby's operator does, for the forms scripts use:
#   local variable, self, nil, true, false, literals, && and ||   a string, at parse time
#   assignment                      "assignment"
#   CONST, A::B, ::C                the constant is read under `rescue NameError` -> "constant"
#   @ivar, $gvar                    Kobako.__defined_ivar / __defined_gvar (wasm/c/defined.c)
#   m, m(...)                       "method" if self has m at any visibility
#   recv.m(...)                     recv is evaluated (`rescue nil`), then "method" if m is public
#                                   for it (or protected and self a kind of its owner)
#   yield                           "yield" if block_given?
# Other forms (super, @@cvar, arrays, ...) keep the old meaning. The host's
# mrbc (gems' mrblib) is unchanged: the rewrite is compiled for the guest only.
[
  {
    file: "mrbgems/mruby-compiler/core/parse.y",
    find: <<~C,
      /* (:fcall self mid args) */
      static node*
      new_fcall(parser_state *p, mrb_sym b, node *c)
      {
        node *n = list4((node*)NODE_FCALL, 0, nsym(b), c);
    C
    replace: <<~C
      #ifdef __wasm__
      static node *kobako_defined(parser_state *p, node *expr);
      #endif

      /* (:fcall self mid args) */
      static node*
      new_fcall(parser_state *p, mrb_sym b, node *c)
      {
      #ifdef __wasm__
        if (c && c->car && !c->car->cdr && (!c->cdr || (!c->cdr->car && !c->cdr->cdr)) &&
            b == mrb_intern_lit(p->mrb, "defined?")) {
          node *d = kobako_defined(p, c->car->car);
          if (d) return d;
        }
      #endif
        node *n = list4((node*)NODE_FCALL, 0, nsym(b), c);
    C
  },
  {
    file: "mrbgems/mruby-compiler/core/parse.y",
    find: "/* (:dstr . a) */\nstatic node*\nnew_dstr(parser_state *p, node *a)\n",
    replace: <<~C
      #ifdef __wasm__
      /* defined?(expr), see wasm/patches/defined_operator.rb. */
      static node*
      kobako_defined_str(parser_state *p, const char *s)
      {
        return new_str(p, s, strlen(s));
      }

      /* ::Kobako.helper(args...) */
      static node*
      kobako_defined_helper(parser_state *p, const char *helper, node *args)
      {
        node *kobako = new_colon3(p, mrb_intern_lit(p->mrb, "Kobako"));
        return new_call(p, kobako, mrb_intern_cstr(p->mrb, helper), new_callargs(p, args, 0, 0), 1);
      }

      static node*
      kobako_defined(parser_state *p, node *expr)
      {
        if (!expr) return 0;
        switch (intn(expr->car)) {
        case NODE_LVAR:
          return kobako_defined_str(p, "local-variable");
        case NODE_SELF:
          return kobako_defined_str(p, "self");
        case NODE_NIL:
          return kobako_defined_str(p, "nil");
        case NODE_TRUE:
          return kobako_defined_str(p, "true");
        case NODE_FALSE:
          return kobako_defined_str(p, "false");
        case NODE_INT: case NODE_FLOAT:
        case NODE_STR: case NODE_SYM: case NODE_REGX: case NODE_AND: case NODE_OR:
          return kobako_defined_str(p, "expression");
        case NODE_ASGN: case NODE_OP_ASGN: case NODE_MASGN:
          return kobako_defined_str(p, "assignment");
        case NODE_IVAR:
          return kobako_defined_helper(p, "__defined_ivar", list2(new_self(p), new_sym(p, sym(expr->cdr))));
        case NODE_GVAR:
          return kobako_defined_helper(p, "__defined_gvar", list1(new_sym(p, sym(expr->cdr))));
        case NODE_CONST: case NODE_COLON2: case NODE_COLON3: {
          node *found = new_if(p, expr, kobako_defined_str(p, "constant"), kobako_defined_str(p, "constant"));
          node *name_error = list1(new_colon3(p, mrb_intern_lit(p->mrb, "NameError")));
          return new_rescue(p, found, list1(list3(name_error, 0, new_nil(p))), 0);
        }
        case NODE_FCALL:
          return kobako_defined_helper(p, "__defined_method",
                                       list3(new_self(p), new_sym(p, sym(expr->cdr->cdr->car)), new_true(p)));
        case NODE_CALL: case NODE_SCALL: {
          node *args = list4(expr->cdr->car, new_sym(p, sym(expr->cdr->cdr->car)), new_false(p), new_self(p));
          return new_mod_rescue(p, kobako_defined_helper(p, "__defined_method", args), new_nil(p));
        }
        case NODE_YIELD: {
          node *given = list4((node*)NODE_FCALL, 0, nsym(mrb_intern_lit(p->mrb, "block_given?")), 0);
          return new_if(p, given, kobako_defined_str(p, "yield"), new_nil(p));
        }
        default:
          return 0;
        }
      }
      #endif

      /* (:dstr . a) */
      static node*
      new_dstr(parser_state *p, node *a)
    C
  }
]
