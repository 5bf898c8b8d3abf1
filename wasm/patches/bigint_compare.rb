# frozen_string_literal: true

# mruby 3.2.0 bug: cmpnum() (src/numeric.c) hands a big Integer to
# mrb_bint_cmp only when it is the receiver, so `1 < 2**70`, `1.0 <= 2**70`
# and `1 <=> 2**70` raise "comparison of Integer with Integer failed" (or
# answer nil) while `2**70 > 1` works. Compare the other way round and flip.
{
  file: "src/numeric.c",
  find: <<~C.gsub(/^/, "  "),
    if (mrb_bigint_p(v1)) {
      return mrb_bint_cmp(mrb, v1, v2);
    }
  C
  replace: <<~C.gsub(/^/, "  ")
    if (mrb_bigint_p(v1)) {
      return mrb_bint_cmp(mrb, v1, v2);
    }
    if (mrb_bigint_p(v2)) {
      mrb_int flipped = mrb_bint_cmp(mrb, v2, v1);
      return flipped == -2 ? -2 : -flipped;
    }
  C
}
