# frozen_string_literal: true

# Speed, not a bug fix. mrb_vm_exec, the interpreter loop, calls setjmp
# (MRB_TRY) to catch raises. LLVM lowers setjmp for wasm (-wasm-enable-sjlj)
# by turning every call in such a function into a call that catches the
# longjmp exception, and Cranelift (wasmtime 48, x64 abi.rs
# get_regs_clobbered_by_call) treats such a try_call as clobbering every
# register: each value the loop keeps across any call (mrb, regs, pc, the
# linear memory base) lives in a stack slot and is reloaded after every
# call. The loop becomes vm_exec_loop, which never calls setjmp; the
# MRB_TRY and its retry-after-catch move into a small mrb_vm_exec around it
# (vm_exec_setjmp_wrapper.rb). The loop's own state (ai, prev_jmp, the
# jmpbuf, whether it re-enters to handle a caught raise) arrives as
# arguments; inside it nothing else changes. noinline: inlined back into
# its one caller it would call setjmp again.
# Measured (CPU time, this change alone, MRB_NO_BOXING, 2 cores): the 1M
# while loop 85 -> 41 ms, 1M block calls 746 -> 271 ms, 500k method calls
# 162 -> 81 ms, float math 126 -> 85 ms, Hash 51 -> 29 ms.
{
  file: "src/vm.c",
  find: <<~C,
    MRB_API mrb_value
    mrb_vm_exec(mrb_state *mrb, const struct RProc *proc, const mrb_code *pc)
    {
      /* mrb_assert(MRB_PROC_CFUNC_P(proc)) */
      const mrb_irep *irep = proc->body.irep;
      const mrb_pool_value *pool = irep->pool;
      const mrb_sym *syms = irep->syms;
      mrb_code insn;
      int ai = mrb_gc_arena_save(mrb);
      struct mrb_jmpbuf *prev_jmp = mrb->jmp;
      struct mrb_jmpbuf c_jmp;
  C
  replace: <<~C
    __attribute__((noinline)) static mrb_value
    vm_exec_loop(mrb_state *mrb, const struct RProc *proc, const mrb_code *pc, int ai,
                 struct mrb_jmpbuf *prev_jmp, struct mrb_jmpbuf *c_jmp, mrb_bool exc_catched)
    {
      /* mrb_assert(MRB_PROC_CFUNC_P(proc)) */
      const mrb_irep *irep = proc->body.irep;
      const mrb_pool_value *pool = irep->pool;
      const mrb_sym *syms = irep->syms;
      mrb_code insn;
  C
}
