# frozen_string_literal: true

# `$!` inside rescue (docs/ruby.md, "Core fidelity"): mruby never sets it.
# OP_EXCEPT (src/vm.c), which hands a rescue or ensure clause its exception,
# now also stores it in $!; Kernel#raise (wasm/c/exception.c) reads $! as
# the new exception's cause, as CRuby does.
{
  file: "src/vm.c",
  find: "        mrb->exc = NULL;\n      }\n      regs[a] = exc;\n      NEXT;",
  replace: "        mrb->exc = NULL;\n      }\n      regs[a] = exc;\n#ifdef __wasm__\n      " \
           "if (mrb_type(exc) == MRB_TT_EXCEPTION) mrb_gv_set(mrb, mrb_intern_lit(mrb, \"$!\"), exc);\n#endif\n      " \
           "NEXT;"
}
