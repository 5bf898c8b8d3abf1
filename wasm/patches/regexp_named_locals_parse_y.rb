# frozen_string_literal: true

# Named captures become locals after `regexp_literal =~ string`, as in CRuby
# (docs/regexp.md). CRuby does it in the parser; so do we: call_bin_op, when
# it builds `=~` on a regexp literal without interpolation, declares a local
# for every group name that is a valid local variable name and returns
#
#   (<hidden local> = re =~ str; name = ::Regexp.__kobako_named(:name); ...; <hidden local>)
#
# Only call_bin_op changes, so patches to parse.y's grammar rules (pattern
# matching) do not collide with this one. y.tab.c is regenerated from the
# patched parse.y with bison (pattern_yacc_rule.rb), so it carries this too.
{
  file: "mrbgems/mruby-compiler/core/parse.y",
  find: <<~C,
    static node*
    call_bin_op(parser_state *p, node *recv, const char *m, node *arg1)
    {
      return new_call(p, recv, intern_cstr(m), new_callargs(p, list1(arg1), 0, 0), '.');
    }
  C
  replace: <<~C
    static node*
    kobako_named_match(parser_state *p, node *recv, node *arg1)
    {
      const char *s = (const char*)recv->cdr->car;
      node *stmts = NULL;
      mrb_sym hidden = intern_cstr("~kobako_match");
      int in_class = 0;

      if (!s) return NULL;
      for (; *s; s++) {
        const char *name, *e;
        mrb_sym sym;

        if (*s == '\\\\') { if (s[1]) s++; continue; }
        if (*s == '[') { in_class++; continue; }
        if (*s == ']' && in_class > 0) { in_class--; continue; }
        if (in_class || s[0] != '(' || s[1] != '?' || s[2] != '<') continue;
        name = s + 3;
        if (!(ISLOWER(*name) || *name == '_')) continue; /* also skips (?<= and (?<! */
        for (e = name; ISALNUM(*e) || *e == '_'; e++) ;
        if (*e != '>') continue;
        sym = intern(name, (size_t)(e - name));
        local_add(p, sym);
        stmts = push(stmts, new_asgn(p, new_lvar(p, sym),
                                     new_call(p, new_colon3(p, intern_cstr("Regexp")),
                                              intern_cstr("__kobako_named"),
                                              new_callargs(p, list1(new_sym(p, sym)), 0, 0), '.')));
        s = e;
      }
      if (!stmts) return NULL;
      local_add(p, hidden);
      stmts = cons(new_asgn(p, new_lvar(p, hidden),
                            new_call(p, recv, intern_cstr("=~"), new_callargs(p, list1(arg1), 0, 0), '.')),
                   stmts);
      stmts = push(stmts, new_lvar(p, hidden));
      return cons((node*)NODE_BEGIN, stmts);
    }

    static node*
    call_bin_op(parser_state *p, node *recv, const char *m, node *arg1)
    {
      if (recv && intn(recv->car) == NODE_REGX && strcmp(m, "=~") == 0) {
        node *n = kobako_named_match(p, recv, arg1);
        if (n) return n;
      }
      return new_call(p, recv, intern_cstr(m), new_callargs(p, list1(arg1), 0, 0), '.');
    }
  C
}
