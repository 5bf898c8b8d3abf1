# frozen_string_literal: true

# Float literals and String#to_f (docs/ruby.md, "Numbers and formatting"):
# mruby's mrb_read_float (src/readfloat.c) sums digits in floating point, so
# `0.75` became 0.7500000000000001. The guest's Rust crate exports a
# correctly rounded mrb_read_float (wasm/src/float_fmt.rs); mruby's stays for
# the host's mrbc only.
{
  file: "src/readfloat.c",
  find: "MRB_API mrb_bool\nmrb_read_float(const char *str, char **endp, double *fp)\n{",
  replace: "#ifdef __wasm__ /* the guest: wasm/src/float_fmt.rs defines it */\n" \
           "static mrb_bool __attribute__((unused))\n" \
           "mruby_own_read_float(const char *str, char **endp, double *fp)\n" \
           "#else\n" \
           "MRB_API mrb_bool\n" \
           "mrb_read_float(const char *str, char **endp, double *fp)\n" \
           "#endif\n" \
           "{"
}
