# frozen_string_literal: true

# The other half of vm_exec_setjmp_outside.rb: the loop's entry takes its
# state from the arguments instead of calling setjmp, and mrb_vm_exec is
# now the MRB_TRY around vm_exec_loop, with mruby's own catch block (pop
# the C-called frames, re-enter the loop to handle the raise) unchanged.
{
  file: "src/vm.c",
  find: <<~C,
      mrb_bool exc_catched = FALSE;
    RETRY_TRY_BLOCK:

      MRB_TRY(&c_jmp) {

      if (exc_catched) {
        exc_catched = FALSE;
        mrb_gc_arena_restore(mrb, ai);
        if (mrb->exc && mrb->exc->tt == MRB_TT_BREAK)
          goto L_BREAK;
        goto L_RAISE;
      }
      mrb->jmp = &c_jmp;
  C
  replace: <<~C.gsub(/^(?=.)/, "  ")
    {

    if (exc_catched) {
      exc_catched = FALSE;
      mrb_gc_arena_restore(mrb, ai);
      if (mrb->exc && mrb->exc->tt == MRB_TT_BREAK)
        goto L_BREAK;
      goto L_RAISE;
    }
    mrb->jmp = c_jmp;
  C
}
