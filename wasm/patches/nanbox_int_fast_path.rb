# frozen_string_literal: true

# mruby 3.2's NaN boxing with MRB_INT64 makes every Integer result (each
# `i += 1` in the VM's OP_ADDI, every mrb_int_value) an out-of-line call to
# mrb_boxing_int_value, even for the inline ones. Inside mrb_vm_exec every
# call is costly under wasmtime (wasm/patches/vm_exec_setjmp_outside.rb), so
# the inline case is decided here, in the header; only Integers past
# ±2**47 (nanbox_fixnum_range.rb) still call out to be boxed.
{
  file: "include/mruby/boxing_nan.h",
  find: <<~C,
    #define SET_INT_VALUE(mrb, r, n) ((r) = mrb_boxing_int_value(mrb, n))
  C
  replace: <<~C
    #define SET_INT_VALUE(mrb, r, n) ((r) = mrb_kobako_int_value(mrb, n))
    static inline mrb_value
    mrb_kobako_int_value(struct mrb_state *mrb, mrb_int n)
    {
      mrb_value v;
      if (n < MRB_FIXNUM_MIN || n > MRB_FIXNUM_MAX) return mrb_boxing_int_value(mrb, n);
      /* the write side of nanbox_fixnum_write.rb, spelled out: SET_FIXNUM_VALUE comes later */
      v.u = ((uint64_t)MRB_NANBOX_TT_INTEGER << 48) | ((uint64_t)n & 0xffffffffffffULL);
      return v;
    }
  C
}
