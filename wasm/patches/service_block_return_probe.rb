# frozen_string_literal: true

# The test both halves of service_block_return.rb use: is this frame a block
# that Kobako.__call_block (a C function, wasm/c/shim.c) is running? Such a
# frame was pushed by mrb_yield_with_class (CINFO_SKIP) right above the
# frame of the C method named __call_block. Defined right after the CINFO_*
# values, before the interpreter loop; wasm/c/shim.c uses it too.
{
  file: "src/vm.c",
  find: <<~C,
    #define CINFO_RESUMED 3
  C
  replace: <<~C
    #define CINFO_RESUMED 3

    mrb_bool mrb_kobako_yielded_p(mrb_state *mrb, const mrb_callinfo *ci);

    mrb_bool
    mrb_kobako_yielded_p(mrb_state *mrb, const mrb_callinfo *ci)
    {
      return ci->cci == CINFO_SKIP && ci > mrb->c->cibase &&
             ci[-1].mid == mrb_intern_lit(mrb, "__call_block");
    }
  C
}
