# frozen_string_literal: true

# The second half of service_block_return.rb: while a `return` unwinds frame
# by frame towards its method, a frame that Kobako.__call_block entered from
# C cannot simply be popped. After its ensure clauses ran, the return is
# thrown there as a RETURN_BLOCK break (as mruby already throws `break`),
# for __call_block to report.
{
  file: "src/vm.c",
  find: <<~C.gsub(/^/, "              "),
    CHECKPOINT_MAIN(RBREAK_TAG_RETURN_BLOCK) {
      UNWIND_ENSURE(mrb, ci, pc, RBREAK_TAG_RETURN_BLOCK, proc, v);
    }
    CHECKPOINT_END(RBREAK_TAG_RETURN_BLOCK);
    ci = cipop(mrb);
    pc = ci->pc;
  C
  replace: <<~C.gsub(/^/, "              ")
    CHECKPOINT_MAIN(RBREAK_TAG_RETURN_BLOCK) {
      UNWIND_ENSURE(mrb, ci, pc, RBREAK_TAG_RETURN_BLOCK, proc, v);
    }
    CHECKPOINT_END(RBREAK_TAG_RETURN_BLOCK);
    if (mrb_kobako_yielded_p(mrb, ci)) {
      ci = cipop(mrb);
      mrb->exc = (struct RObject*)break_new(mrb, RBREAK_TAG_RETURN_BLOCK, proc, v);
      mrb_gc_arena_restore(mrb, ai);
      mrb->c->vmexec = FALSE;
      mrb->jmp = prev_jmp;
      MRB_THROW(prev_jmp);
    }
    ci = cipop(mrb);
    pc = ci->pc;
  C
}
