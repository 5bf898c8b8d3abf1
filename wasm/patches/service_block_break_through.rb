# frozen_string_literal: true

# A `break` that leaves a Service's block for a frame further out: `throw`
# (mruby-catch raises a break aimed at its `catch` block), or the `break` of
# an outer block from inside an inner Service's block. mruby refused to
# unwind through the frame Kobako.__call_block entered from C ("break from
# proc-closure"). As for `return` (service_block_return.rb), the break is
# thrown there, after that frame's ensure clauses, for __call_block to
# report; Kobako.__broke_out raises it again once the Service call is back.
{
  file: "src/vm.c",
  find: <<~C.gsub(/^(?=.)/, "          "),
    while (mrb->c->cibase < ci && ci[-1].proc != proc->upper) {
      if (ci[-1].cci == CINFO_SKIP) {
        goto L_BREAK_ERROR;
      }
      CHECKPOINT_RESTORE(RBREAK_TAG_BREAK_UPPER) {
        /* do nothing */
      }
      CHECKPOINT_MAIN(RBREAK_TAG_BREAK_UPPER) {
        UNWIND_ENSURE(mrb, ci, pc, RBREAK_TAG_BREAK_UPPER, proc, v);
      }
      CHECKPOINT_END(RBREAK_TAG_BREAK_UPPER);
  C
  replace: <<~C.gsub(/^(?=.)/, "          ")
    while (mrb->c->cibase < ci && ci[-1].proc != proc->upper) {
      if (ci[-1].cci == CINFO_SKIP && !mrb_kobako_yielded_p(mrb, &ci[-1])) {
        goto L_BREAK_ERROR;
      }
      CHECKPOINT_RESTORE(RBREAK_TAG_BREAK_UPPER) {
        /* do nothing */
      }
      CHECKPOINT_MAIN(RBREAK_TAG_BREAK_UPPER) {
        UNWIND_ENSURE(mrb, ci, pc, RBREAK_TAG_BREAK_UPPER, proc, v);
      }
      CHECKPOINT_END(RBREAK_TAG_BREAK_UPPER);
      if (mrb_kobako_yielded_p(mrb, ci)) {
        ci = cipop(mrb);
        mrb->exc = (struct RObject*)break_new(mrb, RBREAK_TAG_BREAK, proc, v);
        mrb_gc_arena_restore(mrb, ai);
        mrb->c->vmexec = FALSE;
        mrb->jmp = prev_jmp;
        MRB_THROW(prev_jmp);
      }
  C
}
