# frozen_string_literal: true

# Float formatting (docs/ruby.md, "Numbers and formatting"): mruby's own
# mrb_format_float (src/fmt_fp.c) keeps ~15 digits and rounds approximately,
# so `format("%.2f", 2.675)` and `%.20f` differ from CRuby. The guest's Rust
# crate exports a CRuby-faithful mrb_format_float (wasm/src/float_fmt.rs);
# mruby's is renamed out of the way and kept unused.
{
  file: "src/fmt_fp.c",
  find: "int\nmrb_format_float(mrb_float f, char *buf, size_t buf_size, char fmt, int prec, char sign) {",
  replace: "#ifdef __wasm__ /* the guest: wasm/src/float_fmt.rs defines it; mrbc keeps mruby's */\n" \
           "static int __attribute__((unused))\n" \
           "mruby_own_format_float(mrb_float f, char *buf, size_t buf_size, char fmt, int prec, char sign) {\n" \
           "#else\n" \
           "int\n" \
           "mrb_format_float(mrb_float f, char *buf, size_t buf_size, char fmt, int prec, char sign) {\n" \
           "#endif"
}
