# frozen_string_literal: true

# mruby 3.2.0 bug (a regression of its commit 375d22b, repaired upstream for
# 3.3 by b47c8b738): a full GC that starts while an incremental major GC is
# half done only finishes that cycle, then drops the gray lists and marks
# again from the roots. Its sweep ran in generational mode, so every live
# object stays black (old) and the new marking never looks inside one; a
# young object that only an old one holds is freed while still referenced.
# The slot is reused later and the holder reads whatever lives there now.
#
# Every mrb_full_gc can hit it: GC.start, the retry of a failed allocation in
# mrb_realloc, and mrb_garbage_collect at the end of kobako_boot, which left
# the prelude's `alias next succ` env (and the class body proc above
# String#succ) freed in data/kobako.wasm: after ~82 calls of "az".succ the
# freed env's slot was reused, String#succ's `return` from its `loop` block
# saw a foreign object there and raised LocalJumpError, or the guest trapped
# out of bounds. Whether or not a major GC was in progress, repaint every
# survivor white before the full cycle, as mruby did before 375d22b.
{
  file: "src/gc.c",
  find: <<~C.gsub(/^(?=.)/, "  "),
    if (is_major_gc(gc)) {
      /* finish the half baked GC */
      incremental_gc_finish(mrb, gc);
    }
    else {
      /* Sweep the dead objects, then reset all the live objects
       * (including all the old objects, of course) to white. */
      gc->generational = FALSE;
      prepare_incremental_sweep(mrb, gc);
      incremental_gc_finish(mrb, gc);
    }
  C
  replace: <<~C.gsub(/^(?=.)/, "  ")
    if (is_major_gc(gc)) {
      /* finish the half baked GC */
      incremental_gc_finish(mrb, gc);
    }
    /* Sweep the dead objects, then reset all the live objects
     * (including all the old objects, of course) to white: also after a
     * half-baked major GC, whose generational sweep left them black
     * (kobako: wasm/patches/gc_full_gc_during_major.rb). */
    gc->generational = FALSE;
    prepare_incremental_sweep(mrb, gc);
    incremental_gc_finish(mrb, gc);
  C
}
