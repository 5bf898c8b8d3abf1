# frozen_string_literal: true

# NaN boxing (wasm/build.rb) makes an Integer beyond ±2**47 a heap RInteger,
# and mruby's mrb_obj_eq (identity: equal?, and the fast path of == and
# Hash lookups) compared the raw words, so `(2**50).equal?(2**50)` became
# false. In CRuby such Integers are the same object whenever equal (up to
# 2**62; the guest's RIntegers reach 2**63). Equal words stay the fast answer;
# otherwise two Integers are identical when their values are.
{
  file: "src/object.c",
  find: <<~C,
    #if defined(MRB_NAN_BOXING)
      return v1.u == v2.u;
  C
  replace: <<~C
    #if defined(MRB_NAN_BOXING)
      if (v1.u == v2.u) return TRUE;
      /* kobako: wasm/patches/nanbox_integer_identity.rb */
      return mrb_integer_p(v1) && mrb_integer_p(v2) && mrb_integer(v1) == mrb_integer(v2);
  C
}
