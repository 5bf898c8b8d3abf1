# frozen_string_literal: true

# $1..$9 and $&, $`, $', $+ read the last match (docs/regexp.md). mruby
# compiles them to reads of plain globals named "$1", "$&", ... that nothing
# sets; kobako compiles them to ::Regexp.__kobako_ref(n) instead (n > 0 for
# $n, 0 for $&, -1 for $`, -2 for $', -3 for $+), which reads them from $~.
{
  file: "mrbgems/mruby-compiler/core/codegen.c",
  find: <<~C.gsub(/^(?=.)/, "  "),
    case NODE_BACK_REF:
      if (val) {
        char buf[] = {'$', nchar(tree)};
        int sym = new_sym(s, mrb_intern(s->mrb, buf, sizeof(buf)));

        genop_2(s, OP_GETGV, cursp(), sym);
        push();
      }
      break;

    case NODE_NTH_REF:
      if (val) {
        mrb_state *mrb = s->mrb;
        mrb_value str;
        int sym;

        str = mrb_format(mrb, "$%d", nint(tree));
        sym = new_sym(s, mrb_intern_str(mrb, str));
        genop_2(s, OP_GETGV, cursp(), sym);
        push();
      }
      break;
  C
  replace: <<~C.gsub(/^(?=.)/, "  ")
    case NODE_BACK_REF:
    case NODE_NTH_REF:
      if (val) {
        mrb_int n = nint(tree);

        if (nt == NODE_BACK_REF) {
          n = n == '&' ? 0 : n == '`' ? -1 : n == '\\'' ? -2 : -3;
        }
        genop_1(s, OP_OCLASS, cursp());
        genop_2(s, OP_GETMCNST, cursp(), new_sym(s, mrb_intern_lit(s->mrb, "Regexp")));
        push();
        gen_int(s, cursp(), n);
        push();
        push(); /* space for a block */
        pop_n(3);
        genop_3(s, OP_SEND, cursp(), new_sym(s, mrb_intern_lit(s->mrb, "__kobako_ref")), 1);
        push();
      }
      break;
  C
}
