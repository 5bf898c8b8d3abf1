# frozen_string_literal: true

# The read side of nanbox_fixnum_range.rb: an inline Integer is the low 48
# bits of the value, sign-extended (shift the payload to the top of a
# 64-bit word, then arithmetic-shift it back down by 16).
{
  file: "include/mruby/boxing_nan.h",
  find: <<~C,
    #define mrb_fixnum(o)  ((mrb_int)(int32_t)((o).u))

    static inline mrb_int
  C
  replace: <<~C
    #define mrb_fixnum(o)  ((mrb_int)((int64_t)((o).u << 16) >> 16))

    static inline mrb_int
  C
}
