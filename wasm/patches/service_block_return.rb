# frozen_string_literal: true

# `return` inside a block that a Service yields to. The block runs under
# Kobako.__call_block (wasm/c/shim.c), a C function, so mruby gave its
# `return` the meaning of `next` (the block's frame is CINFO_SKIP, and the
# non-local path is taken only from CINFO_NONE frames). Here such a block's
# `return` unwinds the block's own ensure clauses and is then thrown to
# __call_block as a RETURN_BLOCK break: the guest tells the host the block
# broke out (the Service unwinds, its ensure runs), and the prelude re-raises
# the same break once the Service call is back in the guest, where the VM's
# own RETURN_BLOCK unwinding finishes the return from the block's method
# (docs/wire.md, "Yield"). Blocks called by any other C function keep
# mruby's behaviour.
{
  file: "src/vm.c",
  find: <<~C.gsub(/^(?=.)/, "        "),
    case OP_R_RETURN:
      /* Fall through to OP_R_NORMAL otherwise */
      if (ci->cci == CINFO_NONE && MRB_PROC_ENV_P(proc) && !MRB_PROC_STRICT_P(proc)) {
        const struct RProc *dst;
        mrb_callinfo *cibase;
        cibase = mrb->c->cibase;
        dst = top_proc(mrb, proc);

        if (MRB_PROC_ENV_P(dst)) {
          struct REnv *e = MRB_PROC_ENV(dst);

          if (!MRB_ENV_ONSTACK_P(e) || (e->cxt && e->cxt != mrb->c)) {
            localjump_error(mrb, LOCALJUMP_ERROR_RETURN);
            goto L_RAISE;
          }
        }
        /* check jump destination */
        while (cibase <= ci && ci->proc != dst) {
  C
  replace: <<~C.gsub(/^(?=.)/, "        ")
    case OP_R_RETURN:
      /* Fall through to OP_R_NORMAL otherwise */
      if ((ci->cci == CINFO_NONE || mrb_kobako_yielded_p(mrb, ci)) && MRB_PROC_ENV_P(proc) && !MRB_PROC_STRICT_P(proc)) {
        const struct RProc *dst;
        mrb_callinfo *cibase;
        cibase = mrb->c->cibase;
        dst = top_proc(mrb, proc);

        if (MRB_PROC_ENV_P(dst)) {
          struct REnv *e = MRB_PROC_ENV(dst);

          if (!MRB_ENV_ONSTACK_P(e) || (e->cxt && e->cxt != mrb->c)) {
            localjump_error(mrb, LOCALJUMP_ERROR_RETURN);
            goto L_RAISE;
          }
        }
        /* check jump destination (kobako: a Service's block is checked again
           by Kobako.__broke_out, once the Service call is back in the guest) */
        while (!mrb_kobako_yielded_p(mrb, mrb->c->ci) && cibase <= ci && ci->proc != dst) {
  C
}
