# frozen_string_literal: true

# Pattern matching (case/in, `expr => pat`, `expr in pat`) for mruby 3.2's
# parser: the C that turns a parsed pattern into ordinary nodes.
# The grammar (pattern_grammar.rb) builds a small pattern tree tagged with
# PM_* below; pm_case()/pm_oneline() then desugar it into if/and/or chains,
# local assignments, a while loop for find patterns and calls to helpers on
# NoMatchingPatternError (wasm/mrblib/pattern.rb), so codegen and the RITE
# verifier see no new node types or opcodes. docs/ruby.md explains the model.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~C,
    static void
    args_with_block(parser_state *p, node *a, node *b)
  C
  replace: <<~C
    /* pattern trees: (tag . fields) lists built by the pattern grammar */
    enum pm_tag { PM_VAL = 1, PM_VAR, PM_BIND, PM_ALT, PM_ARY, PM_FIND, PM_HASH };

    typedef struct pm_ctx {
      int base;       /* unique per desugared match: names its hidden locals */
      int single;     /* one pattern, no else: CRuby's detailed messages */
      mrb_sym cache;  /* caches the subject's #deconstruct across clauses */
    } pm_ctx;

    static node *pm_cond(parser_state *p, pm_ctx *c, node *pat, mrb_sym v, int depth, int top);

    static node*
    pm_int(parser_state *p, int i)
    {
      char buf[16];
      int neg = i < 0;
      dump_int((uint16_t)(neg ? -i : i), buf + 1);
      buf[0] = '-';
      return new_int(p, neg ? buf : buf + 1, 10, 0);
    }

    /* a hidden local "%pmB_Dr": B = match, D = nesting depth, r = role;
       not an identifier, so user code can never name it */
    static mrb_sym
    pm_tmp(parser_state *p, pm_ctx *c, int depth, char role)
    {
      char buf[40], *s = buf;
      mrb_sym sym;
      node *n;

      *s++ = '%'; *s++ = 'p'; *s++ = 'm';
      dump_int((uint16_t)c->base, s); s += strlen(s);
      *s++ = '_';
      dump_int((uint16_t)depth, s); s += strlen(s);
      *s++ = role; *s = '\\0';
      sym = intern_cstr(buf);
      for (n = p->locals ? p->locals->car : 0; n; n = n->cdr) {
        if (sym(n->car) == sym) return sym;
      }
      local_add_f(p, sym);
      return sym;
    }

    static node*
    pm_lv(parser_state *p, mrb_sym sym)
    {
      return new_lvar(p, sym);
    }

    static node*
    pm_set(parser_state *p, mrb_sym sym, node *val)
    {
      return new_asgn(p, new_lvar(p, sym), val);
    }

    /* (a; b) as one expression whose value is b's */
    static node*
    pm_seq(parser_state *p, node *a, node *b)
    {
      node *n = new_begin(p, a);
      push(n, b);
      return n;
    }

    static node*
    pm_and(parser_state *p, node *a, node *b)
    {
      if (!a) return b;
      return new_and(p, a, b);
    }

    /* ::NoMatchingPatternError.send("pm NAME", args...) as a plain call */
    static node*
    pm_call(parser_state *p, const char *name, node *args)
    {
      char buf[32] = "pm ";
      node *recv = new_colon3(p, intern_cstr("NoMatchingPatternError"));
      strncat(buf, name, sizeof(buf) - 4);
      return new_call(p, recv, intern_cstr(buf), args ? new_callargs(p, args, 0, 0) : 0, '.');
    }

    static node*
    pm_flag(parser_state *p, pm_ctx *c)
    {
      return c->single ? new_true(p) : new_false(p);
    }

    static int
    pm_name_ok(parser_state *p, mrb_sym sym)
    {
      mrb_int len;
      const char *name = mrb_sym_name_len(p->mrb, sym, &len);
      return len > 0 && name[0] == '_';
    }

    /* collects every name a pattern binds; reports duplicates and, when
       alt is set, any binding at all (CRuby forbids them in `a | b`) */
    static void
    pm_names(parser_state *p, node *pat, node **seen, int alt)
    {
      mrb_sym bound[3] = {0, 0, 0};
      node *l;
      int i;

      if (!pat) return;
      switch (intn(pat->car)) {
      case PM_VAR:
        bound[0] = sym(pat->cdr->car);
        break;
      case PM_BIND:
        pm_names(p, pat->cdr->car, seen, alt);
        bound[0] = sym(pat->cdr->cdr->car);
        break;
      case PM_ALT:
        pm_names(p, pat->cdr->car, seen, 1);
        pm_names(p, pat->cdr->cdr->car, seen, 1);
        break;
      case PM_ARY:
        for (l = pat->cdr->cdr->car; l; l = l->cdr) pm_names(p, l->car, seen, alt);
        if (pat->cdr->cdr->cdr->car) bound[0] = sym(pat->cdr->cdr->cdr->car->car);
        for (l = pat->cdr->cdr->cdr->cdr->car; l; l = l->cdr) pm_names(p, l->car, seen, alt);
        break;
      case PM_FIND:
        bound[0] = sym(pat->cdr->cdr->car->car);
        for (l = pat->cdr->cdr->cdr->car; l; l = l->cdr) pm_names(p, l->car, seen, alt);
        bound[1] = sym(pat->cdr->cdr->cdr->cdr->car->car);
        break;
      case PM_HASH:
        for (l = pat->cdr->cdr->car; l; l = l->cdr) {
          node *kv = l->car;
          if (kv->cdr) pm_names(p, kv->cdr, seen, alt);
          else bound[2] = sym(kv->car);
          if (bound[2]) {
            /* shorthand `k:` binds k */
            pm_names(p, list2(nint(PM_VAR), nsym(bound[2])), seen, alt);
            bound[2] = 0;
          }
        }
        if (pat->cdr->cdr->cdr->car && intn(pat->cdr->cdr->cdr->car->car) == 1) {
          bound[0] = sym(pat->cdr->cdr->cdr->car->cdr);
        }
        break;
      default:
        break;
      }
      for (i = 0; i < 2; i++) {
        mrb_sym s = bound[i];
        if (!s) continue;
        if (alt && !pm_name_ok(p, s)) {
          yyerror(p, "illegal variable in alternative pattern");
          return;
        }
        for (l = *seen; l; l = l->cdr) {
          if (sym(l->car) == s && !pm_name_ok(p, s)) {
            yyerror(p, "duplicated variable name");
            return;
          }
        }
        *seen = cons(nsym(s), *seen);
      }
    }

    /* d = v.deconstruct (checked), cached for the subject itself */
    static node*
    pm_deconstruct(parser_state *p, pm_ctx *c, mrb_sym v, mrb_sym d, int top)
    {
      node *call = pm_call(p, "dec", list2(pm_flag(p, c), pm_lv(p, v)));
      if (top) {
        call = new_or(p, pm_lv(p, c->cache), pm_set(p, c->cache, call));
      }
      return pm_set(p, d, call);
    }

    /* e = expr; match sub against e */
    static node*
    pm_sub(parser_state *p, pm_ctx *c, node *sub, node *expr, int depth)
    {
      mrb_sym e = pm_tmp(p, c, depth, 'v');
      return pm_seq(p, pm_set(p, e, expr), pm_cond(p, c, sub, e, depth, 0));
    }

    static node*
    pm_bind(parser_state *p, mrb_sym name, node *val)
    {
      return pm_seq(p, pm_set(p, name, val), new_true(p));
    }

    static node*
    pm_index(parser_state *p, mrb_sym d, node *idx)
    {
      return new_call(p, pm_lv(p, d), intern_cstr("[]"), new_callargs(p, list1(idx), 0, 0), '.');
    }

    static node*
    pm_const_check(parser_state *p, pm_ctx *c, node *cnst, mrb_sym v)
    {
      if (!cnst) return 0;
      return pm_call(p, "eqq", list3(pm_flag(p, c), cnst, pm_lv(p, v)));
    }

    static node*
    pm_array(parser_state *p, pm_ctx *c, node *pat, mrb_sym v, int depth, int top)
    {
      node *pre = pat->cdr->cdr->car, *rest = pat->cdr->cdr->cdr->car;
      node *post = pat->cdr->cdr->cdr->cdr->car, *l, *r;
      mrb_sym d = pm_tmp(p, c, depth, 'd');
      int npre = 0, npost = 0, i;

      for (l = pre; l; l = l->cdr) npre++;
      for (l = post; l; l = l->cdr) npost++;
      r = pm_const_check(p, c, pat->cdr->car, v);
      r = pm_and(p, r, pm_deconstruct(p, c, v, d, top));
      r = pm_and(p, r, pm_call(p, "len", list4(pm_flag(p, c), pm_lv(p, d), pm_int(p, npre + npost),
                                               rest ? new_true(p) : new_false(p))));
      for (l = pre, i = 0; l; l = l->cdr, i++) {
        r = pm_and(p, r, pm_sub(p, c, l->car, pm_index(p, d, pm_int(p, i)), depth + 1));
      }
      if (rest && sym(rest->car)) {
        r = pm_and(p, r, pm_bind(p, sym(rest->car),
                                 pm_call(p, "rest", list3(pm_lv(p, d), pm_int(p, npre), pm_int(p, npost)))));
      }
      for (l = post, i = npost; l; l = l->cdr, i--) {
        r = pm_and(p, r, pm_sub(p, c, l->car, pm_call(p, "post", list2(pm_lv(p, d), pm_int(p, i))), depth + 1));
      }
      return r;
    }

    static node*
    pm_find(parser_state *p, pm_ctx *c, node *pat, mrb_sym v, int depth, int top)
    {
      node *pre = pat->cdr->cdr->car, *mid = pat->cdr->cdr->cdr->car;
      node *post = pat->cdr->cdr->cdr->cdr->car, *l, *r, *step = 0, *loop;
      mrb_sym d = pm_tmp(p, c, depth, 'd');
      mrb_sym i = pm_tmp(p, c, depth, 'i');
      mrb_sym f = pm_tmp(p, c, depth, 'f');
      int n = 0, j;

      for (l = mid; l; l = l->cdr) n++;
      r = pm_const_check(p, c, pat->cdr->car, v);
      r = pm_and(p, r, pm_deconstruct(p, c, v, d, top));
      r = pm_and(p, r, pm_call(p, "len", list4(pm_flag(p, c), pm_lv(p, d), pm_int(p, n), new_true(p))));
      /* try each offset i until the middle patterns all match there */
      for (l = mid, j = 0; l; l = l->cdr, j++) {
        node *at = pm_index(p, d, call_bin_op(p, pm_lv(p, i), "+", pm_int(p, j)));
        step = pm_and(p, step, pm_sub(p, c, l->car, at, depth + 1));
      }
      loop = pm_seq(p, pm_set(p, i, pm_int(p, 0)), pm_set(p, f, new_false(p)));
      push(loop, new_while(p, pm_call(p, "fnext", list4(pm_lv(p, f), pm_lv(p, d), pm_lv(p, i), pm_int(p, n))),
                           new_if(p, step, pm_set(p, f, new_true(p)),
                                  pm_set(p, i, call_bin_op(p, pm_lv(p, i), "+", pm_int(p, 1))))));
      push(loop, new_or(p, pm_lv(p, f), pm_call(p, "ffail", list2(pm_flag(p, c), pm_lv(p, d)))));
      r = pm_and(p, r, loop);
      if (sym(pre->car)) {
        r = pm_and(p, r, pm_bind(p, sym(pre->car), pm_call(p, "rest", list3(pm_lv(p, d), pm_int(p, 0), pm_lv(p, i)))));
      }
      if (sym(post->car)) {
        r = pm_and(p, r, pm_bind(p, sym(post->car),
                                 pm_call(p, "fpost", list3(pm_lv(p, d), pm_lv(p, i), pm_int(p, n)))));
      }
      return r;
    }

    static node*
    pm_hash(parser_state *p, pm_ctx *c, node *pat, mrb_sym v, int depth)
    {
      node *kvs = pat->cdr->cdr->car, *rest = pat->cdr->cdr->cdr->car, *l, *r, *keys;
      mrb_sym h = pm_tmp(p, c, depth, 'h');

      /* CRuby passes nil when any rest is present or no key is named */
      if (rest || !kvs) {
        keys = new_nil(p);
      }
      else {
        node *syms = 0;
        for (l = kvs; l; l = l->cdr) syms = push(syms, new_sym(p, sym(l->car->car)));
        keys = new_array(p, syms);
      }
      r = pm_const_check(p, c, pat->cdr->car, v);
      r = pm_and(p, r, pm_set(p, h, pm_call(p, "deck", list3(pm_flag(p, c), pm_lv(p, v), keys))));
      if (rest) {
        r = pm_and(p, r, pm_set(p, h, new_call(p, pm_lv(p, h), intern_cstr("dup"), 0, '.')));
      }
      for (l = kvs; l; l = l->cdr) {
        mrb_sym k = sym(l->car->car);
        node *val = new_call(p, pm_lv(p, h), intern_cstr(rest ? "delete" : "[]"),
                             new_callargs(p, list1(new_sym(p, k)), 0, 0), '.');
        r = pm_and(p, r, pm_call(p, "key", list3(pm_flag(p, c), pm_lv(p, h), new_sym(p, k))));
        if (l->car->cdr) r = pm_and(p, r, pm_sub(p, c, l->car->cdr, val, depth + 1));
        else r = pm_and(p, r, pm_bind(p, k, val));
      }
      if (rest && intn(rest->car) == 1) {
        if (sym(rest->cdr)) r = pm_and(p, r, pm_bind(p, sym(rest->cdr), pm_lv(p, h)));
      }
      else if (rest) {
        r = pm_and(p, r, pm_call(p, "hnil", list2(pm_flag(p, c), pm_lv(p, h))));
      }
      else if (!kvs) {
        r = pm_and(p, r, pm_call(p, "hempty", list2(pm_flag(p, c), pm_lv(p, h))));
      }
      return r;
    }

    static node*
    pm_cond(parser_state *p, pm_ctx *c, node *pat, mrb_sym v, int depth, int top)
    {
      switch (intn(pat->car)) {
      case PM_VAL:
        return pm_call(p, "eqq", list3(pm_flag(p, c), pat->cdr->car, pm_lv(p, v)));
      case PM_VAR:
        return pm_bind(p, sym(pat->cdr->car), pm_lv(p, v));
      case PM_BIND:
        return new_and(p, pm_cond(p, c, pat->cdr->car, v, depth, top),
                       pm_bind(p, sym(pat->cdr->cdr->car), pm_lv(p, v)));
      case PM_ALT:
        return new_or(p, pm_cond(p, c, pat->cdr->car, v, depth, top),
                      pm_cond(p, c, pat->cdr->cdr->car, v, depth, top));
      case PM_ARY:
        return pm_array(p, c, pat, v, depth, top);
      case PM_FIND:
        return pm_find(p, c, pat, v, depth, top);
      case PM_HASH:
        return pm_hash(p, c, pat, v, depth);
      default:
        return new_false(p);
      }
    }

    static void
    pm_start(parser_state *p, pm_ctx *c, int single)
    {
      node *n;
      c->base = 0;
      for (n = p->locals ? p->locals->car : 0; n; n = n->cdr) c->base++;
      c->single = single;
      c->cache = pm_tmp(p, c, 0, 'c');
    }

    /* clause = ((pattern . guard) . body); guard = (unless? . expr) */
    static node*
    pm_clause_cond(parser_state *p, pm_ctx *c, node *pg, mrb_sym t)
    {
      node *seen = 0, *r, *g;

      pm_names(p, pg->car, &seen, 0);
      r = pm_cond(p, c, pg->car, t, 0, 1);
      if (pg->cdr) {
        g = pg->cdr->cdr;
        if (intn(pg->cdr->car)) g = call_uni_op(p, g, "!");
        if (c->single) g = new_or(p, g, pm_call(p, "guard", 0));
        r = new_and(p, r, g);
      }
      return r;
    }

    /* case subject; in ...; end */
    static node*
    pm_case(parser_state *p, node *subject, node *clauses)
    {
      pm_ctx c;
      mrb_sym t;
      node *l, *tail = 0, *res, *rev = 0;
      int n = 0, has_else = 0;

      for (l = clauses; l; l = l->cdr) {
        if (l->car->car) n++; else has_else = 1;
        rev = cons(l->car, rev);
      }
      pm_start(p, &c, n == 1 && !has_else);
      t = pm_tmp(p, &c, 0, 'v');
      if (!has_else) tail = pm_call(p, c.single ? "raise1" : "raise", list1(pm_lv(p, t)));
      for (l = rev; l; l = l->cdr) {
        if (!l->car->car) {
          tail = l->car->cdr;
          continue;
        }
        tail = new_if(p, pm_clause_cond(p, &c, l->car->car, t), l->car->cdr, tail);
      }
      res = pm_seq(p, pm_set(p, t, subject), pm_set(p, c.cache, new_nil(p)));
      push(res, tail);
      return res;
    }

    /* expr => pattern (raise: nil or NoMatchingPatternError) and
       expr in pattern (true or false) */
    static node*
    pm_oneline(parser_state *p, node *subject, node *pat, int raise)
    {
      pm_ctx c;
      mrb_sym t;
      node *res, *seen = 0, *test;

      pm_start(p, &c, raise);
      t = pm_tmp(p, &c, 0, 'v');
      pm_names(p, pat, &seen, 0);
      test = pm_cond(p, &c, pat, t, 0, 1);
      res = pm_seq(p, pm_set(p, t, subject), pm_set(p, c.cache, new_nil(p)));
      if (raise) push(res, new_if(p, test, new_nil(p), pm_call(p, "raise1", list1(pm_lv(p, t)))));
      else push(res, new_if(p, test, new_true(p), new_false(p)));
      return res;
    }

    /* a top-level pattern starts: labels at this depth end at a newline */
    static void
    pm_lex_start(parser_state *p)
    {
      p->pm_on = TRUE;
      p->pm_paren = p->paren_nest;
      p->pm_brace = p->pm_braces;
    }

    /* a bare identifier in a pattern declares a local right away, so a
       later `^name` in the same pattern and the clause body see it */
    static node*
    pm_new_var(parser_state *p, mrb_sym sym)
    {
      local_add(p, sym);
      return list2(nint(PM_VAR), nsym(sym));
    }

    static node*
    pm_new_pin(parser_state *p, mrb_sym sym)
    {
      if (!local_var_p(p, sym)) {
        yyerror(p, "no such local variable");
      }
      return list2(nint(PM_VAL), new_lvar(p, sym));
    }

    /* (PM_ARY const pre rest post); rest = (sym-or-0) or 0 */
    static node*
    pm_new_ary(parser_state *p, node *pre, node *rest, node *post)
    {
      return list5(nint(PM_ARY), 0, pre, rest, post);
    }

    static node*
    pm_with_const(parser_state *p, node *cnst, node *pat)
    {
      pat->cdr->car = cnst;
      return pat;
    }

    static void
    args_with_block(parser_state *p, node *a, node *b)
  C
}
