# frozen_string_literal: true

# mruby 3.2.0 bug: Float -> Integer past 64 bits (mrb_bint_new_float, behind
# Float#to_i, floor, ceil, truncate, Integer(Float)) took the top 32-bit
# limb and then read every lower one from what was left below 1.0 without
# scaling it back up, so they were all zero: 1e20.to_i gave
# 92233720368547758080 and 9.3e18.to_i 9299999995786690560. Each step now
# multiplies the remainder by the limb base (exact: a power of two), which
# gives the Float's exact value, as CRuby does.
{
  file: "mrbgems/mruby-bigint/core/bigint.c",
  find: "    rp[i] = f;\n    if (i == 0) break;\n  }\n  return bint_norm(mrb, bint);\n",
  replace: "    rp[i] = f;\n    if (i == 0) break;\n    x *= b;\n  }\n  return bint_norm(mrb, bint);\n"
}
