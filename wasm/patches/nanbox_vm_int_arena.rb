# frozen_string_literal: true

# With NaN boxing an Integer beyond ±2**47 is a heap object, and every new
# object sits on the GC arena until the C code that made it returns. The
# interpreter loop makes them in its arithmetic opcodes (OP_ADD ... OP_SUBI,
# OP_LOADL) and never returns between them, so `s += i * 10**9` in a loop kept
# every intermediate Integer alive and grew the arena until the invocation
# ended (100,000 iterations broke the 1 MiB memory_limit). The loop stores
# each one in a VM register at once, where the GC sees it, so the arena is
# reset to the loop's entry mark right after (as mruby does after each C
# method call); at those points the opcode holds no other new object.
{
  file: "src/vm.c",
  # The preprocessor lines sit in column 0 in mruby's source, the code at 4.
  find: <<~C.gsub(/^(?=[^#\n])/, "    "),
    CASE(OP_LOADL, BB) {
      switch (pool[b].tt) {   /* number */
      case IREP_TT_INT32:
        regs[a] = mrb_int_value(mrb, (mrb_int)pool[b].u.i32);
        break;
      case IREP_TT_INT64:
    #if defined(MRB_INT64)
        regs[a] = mrb_int_value(mrb, (mrb_int)pool[b].u.i64);
        break;
  C
  replace: <<~C.gsub(/^(?=[^#\n])/, "    ")
    /* kobako: wasm/patches/nanbox_vm_int_arena.rb (the host's mrbc builds with other boxing) */
    #if defined(MRB_NAN_BOXING) && defined(MRB_INT64)
    #undef SET_INT_VALUE
    #define SET_INT_VALUE(mrb, r, n) ((r) = mrb_kobako_int_value(mrb, n), mrb_gc_arena_restore(mrb, ai))
    #endif
    CASE(OP_LOADL, BB) {
      switch (pool[b].tt) {   /* number */
      case IREP_TT_INT32:
        regs[a] = mrb_int_value(mrb, (mrb_int)pool[b].u.i32);
        break;
      case IREP_TT_INT64:
    #if defined(MRB_INT64)
        SET_INT_VALUE(mrb, regs[a], (mrb_int)pool[b].u.i64);
        break;
  C
}
