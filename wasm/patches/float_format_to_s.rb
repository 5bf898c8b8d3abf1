# frozen_string_literal: true

# Float#to_s / inspect (docs/ruby.md, "Numbers and formatting"): CRuby prints
# the shortest decimal that reads back to the same double (0.1 + 0.2 is
# 0.30000000000000004), mruby 15 significant digits ("0.3"). mrb_float_to_str
# (src/numeric.c) now asks the guest's Rust formatter (wasm/src/float_fmt.rs).
{
  file: "src/numeric.c",
  find: <<~C,
    mrb_value
    mrb_float_to_str(mrb_state *mrb, mrb_value flo, const char *fmt)
    {
  C
  replace: <<~C
    #ifdef __wasm__ /* the guest only: the host's mrbc has no Rust formatter */
    int kobako_float_to_s(double f, char *buf, size_t buf_size);
    #endif

    mrb_value
    mrb_float_to_str(mrb_state *mrb, mrb_value flo, const char *fmt)
    {
    #ifdef __wasm__
      if (1) {
        char repr[32];
        int len = kobako_float_to_s(mrb_float(flo), repr, sizeof(repr));
        return mrb_str_new(mrb, repr, len);
      }
    #endif
  C
}
