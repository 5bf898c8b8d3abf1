# frozen_string_literal: true

# The write side of nanbox_fixnum_range.rb: an inline Integer keeps its low
# 48 bits (two's complement) under the integer tag; the bits above stay
# zero, so the value is never mistaken for a Float (bits 50-63 set).
{
  file: "include/mruby/boxing_nan.h",
  find: <<~C,
    #define SET_FIXNUM_VALUE(r,n) NANBOX_SET_VALUE(r, MRB_NANBOX_TT_INTEGER, (uint32_t)(n))
  C
  replace: <<~C
    #define SET_FIXNUM_VALUE(r,n) NANBOX_SET_VALUE(r, MRB_NANBOX_TT_INTEGER, ((uint64_t)(n) & 0xffffffffffffULL))
  C
}
