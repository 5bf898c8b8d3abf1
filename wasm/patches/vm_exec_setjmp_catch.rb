# frozen_string_literal: true

# The third part of vm_exec_setjmp_outside.rb: the loop's end, and the new
# mrb_vm_exec holding the MRB_TRY. A raise caught here pops the frames C
# code pushed and re-enters the loop with exc_catched set, where mruby's
# retry went back to its MRB_TRY; exc_catched and pc change only after the
# longjmp, before setjmp runs again, so neither needs to be volatile.
{
  file: "src/vm.c",
  find: <<~C,
      END_DISPATCH;
    #undef regs
      }
      MRB_CATCH(&c_jmp) {
        mrb_callinfo *ci = mrb->c->ci;
        while (ci > mrb->c->cibase && ci->cci == CINFO_DIRECT) {
          ci = cipop(mrb);
        }
        exc_catched = TRUE;
        pc = ci->pc;
        goto RETRY_TRY_BLOCK;
      }
      MRB_END_EXC(&c_jmp);
    }
  C
  replace: <<~C
      END_DISPATCH;
    #undef regs
      }
    }

    MRB_API mrb_value
    mrb_vm_exec(mrb_state *mrb, const struct RProc *proc, const mrb_code *pc)
    {
      int ai = mrb_gc_arena_save(mrb);
      struct mrb_jmpbuf *prev_jmp = mrb->jmp;
      struct mrb_jmpbuf c_jmp;
      mrb_bool exc_catched = FALSE;
      mrb_value v = mrb_nil_value();

    RETRY_TRY_BLOCK:
      MRB_TRY(&c_jmp) {
        v = vm_exec_loop(mrb, proc, pc, ai, prev_jmp, &c_jmp, exc_catched);
      }
      MRB_CATCH(&c_jmp) {
        mrb_callinfo *ci = mrb->c->ci;
        while (ci > mrb->c->cibase && ci->cci == CINFO_DIRECT) {
          ci = cipop(mrb);
        }
        exc_catched = TRUE;
        pc = ci->pc;
        goto RETRY_TRY_BLOCK;
      }
      MRB_END_EXC(&c_jmp);
      return v;
    }
  C
}
