# frozen_string_literal: true

# Float#round as CRuby's: with no digits it returns an Integer whatever its
# size (mruby 3.2 gave the Float back past the 64-bit range: 1e20.round was
# 1.0e+20, where floor, ceil and truncate already make a Bignum); with
# negative digits it rounds the Float's exact Integer as an Integer
# (1.5e30.round(-5) keeps the exact digits above the rounded place, where
# mruby's division and multiplication in doubles lost them).
{
  file: "src/numeric.c",
  edits: [
    ["  mrb_check_num_exact(mrb, number);\n\n  f = 1.0;\n",
     "  mrb_check_num_exact(mrb, number);\n" \
     "  if (ndigits < 0) {\n" \
     "    mrb_value exact = mrb_funcall(mrb, num, \"to_i\", 0);\n" \
     "    return mrb_funcall(mrb, exact, \"round\", 1, mrb_fixnum_value(ndigits));\n" \
     "  }\n\n  f = 1.0;\n"],
    ["  if (!FIXABLE_FLOAT(number))\n    return mrb_float_value(mrb, number);\n" \
     "  return mrb_int_value(mrb, (mrb_int)number);\n}\n",
     "  return flo_rounding_int(mrb, number);\n}\n"]
  ]
}
