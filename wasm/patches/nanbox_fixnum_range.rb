# frozen_string_literal: true

# NaN boxing (wasm/build.rb) keeps Integers inline in a value's low bits
# and boxes the others as heap RInteger objects. mruby 3.2 stores only 32 of
# them, so every Integer past ±2**31 (a sum over a million iterations, a
# millisecond timestamp) would cost an allocation. The integer tag leaves 48
# bits free below it (boxing_nan.h's own layout comment: bits 48-49 are the
# tag, bits 50-63 are zero for non-floats), so inline Integers here span
# -2**47 ... 2**47-1; larger ones are still exact as RInteger (up to
# 2**63-1) and Bignum beyond. Literals, not casts, so #if can use them.
{
  file: "include/mruby/boxing_nan.h",
  find: <<~C,
    #define MRB_FIXNUM_MIN INT32_MIN
    #define MRB_FIXNUM_MAX INT32_MAX
  C
  replace: <<~C
    /* kobako: 48-bit inline Integers (wasm/patches/nanbox_fixnum_range.rb). */
    #define MRB_FIXNUM_MIN (-0x7fffffffffffLL - 1)
    #define MRB_FIXNUM_MAX 0x7fffffffffffLL
  C
}
