# frozen_string_literal: true

# Method visibility, part 4 of 4: a call with an explicit receiver
# (`obj.m`, operators) to a private method raises NoMethodError ("private
# method 'm' called for ..."), and to a protected one unless the caller's
# self is a kind of the method's owner; `self.m` and calls without a
# receiver (OP_SSEND/OP_SSENDB) and `super` are not checked, as in CRuby.
# OP_SSEND used to become OP_SEND here; it now keeps its own opcode so the
# check can tell the two apart. A method `def` creates takes the frame's
# visibility (visibility_frame.rb); `def self.x` and `def obj.x` stay
# public; `initialize`, `initialize_copy` and `respond_to_missing?` are
# always private, as CRuby makes them. wasm/c/visibility.c holds the rest.
[
  {
    file: "src/vm.c",
    find: "      regs[a] = regs[0];\n      insn = OP_SEND;\n    }\n    goto L_SENDB;\n",
    replace: "      regs[a] = regs[0];\n      insn = OP_SSEND;\n    }\n    goto L_SENDB;\n"
  },
  {
    file: "src/vm.c",
    find: "      if (insn == OP_SEND) {\n        /* clear block argument */\n",
    replace: "      if (insn == OP_SEND || insn == OP_SSEND) {\n        /* clear block argument */\n"
  },
  {
    file: "src/vm.c",
    find: <<~C.gsub(/^/, "      "),
      ci = cipush(mrb, a, CINFO_DIRECT, NULL, NULL, BLK_PTR(blk), 0, c);
      recv = regs[0];
      ci->u.target_class = (insn == OP_SUPER) ? CI_TARGET_CLASS(ci - 1)->super : mrb_class(mrb, recv);
      m = mrb_vm_find_method(mrb, ci->u.target_class, &ci->u.target_class, mid);
      if (MRB_METHOD_UNDEF_P(m)) {
        m = prepare_missing(mrb, ci, recv, mid, blk, (insn == OP_SUPER));
      }
      else {
        ci->mid = mid;
      }
    C
    replace: <<~C.gsub(/^/, "      ")
      ci = cipush(mrb, a, CINFO_DIRECT, NULL, NULL, BLK_PTR(blk), 0, c);
      recv = regs[0];
      ci->u.target_class = (insn == OP_SUPER) ? CI_TARGET_CLASS(ci - 1)->super : mrb_class(mrb, recv);
      m = mrb_vm_find_method(mrb, ci->u.target_class, &ci->u.target_class, mid);
      if (MRB_METHOD_UNDEF_P(m)) {
        m = prepare_missing(mrb, ci, recv, mid, blk, (insn == OP_SUPER));
      }
      else {
        ci->mid = mid;
      #ifdef __wasm__
        if (MRB_METHOD_PROC_P(m) && MRB_METHOD_PROC(m) && (MRB_METHOD_PROC(m)->flags & MRB_PROC_VIS_MASK) &&
            insn != OP_SSEND && insn != OP_SSENDB && insn != OP_SUPER) {
          kobako_check_visibility(mrb, ci, MRB_METHOD_PROC(m), recv, mid);
        }
      #endif
      }
    C
  },
  {
    file: "src/vm.c",
    find: <<~C.gsub(/^/, "      "),
      MRB_METHOD_FROM_PROC(m, p);
      mrb_define_method_raw(mrb, target, mid, m);
      mrb_method_added(mrb, target, mid);
    C
    replace: <<~C.gsub(/^/, "      ")
      #ifdef __wasm__
        kobako_def_visibility(mrb, mrb->c->ci, target, p, mid);
      #endif
        MRB_METHOD_FROM_PROC(m, p);
        mrb_define_method_raw(mrb, target, mid, m);
        mrb_method_added(mrb, target, mid);
    C
  },
  {
    file: "src/vm.c",
    find: "static mrb_method_t\nprepare_missing(",
    replace: <<~C
      #ifdef __wasm__ /* wasm/c/visibility.c */
      void kobako_check_visibility(mrb_state *mrb, mrb_callinfo *ci, const struct RProc *p,
                                   mrb_value recv, mrb_sym mid);
      void kobako_def_visibility(mrb_state *mrb, const mrb_callinfo *ci, struct RClass *target,
                                 struct RProc *p, mrb_sym mid);
      #endif

      static mrb_method_t
      prepare_missing(
    C
  }
]
