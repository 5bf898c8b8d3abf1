/* Integers beyond signed 64-bit across the wire (docs/wire.md, ext 2): the
 * guest side hands Rust the base-16 digits of a bigint and builds one from
 * them. mruby-bigint's own conversions do the work; their prototypes live in
 * mruby/internal.h behind MRB_USE_BIGINT, which the glue is not compiled
 * with, so the two used here are declared below. */

#include <stddef.h>
#include <stdint.h>

#include <mruby.h>
#include <mruby/string.h>

mrb_value mrb_bint_to_s(mrb_state *mrb, mrb_value x, mrb_int base);
mrb_value mrb_bint_new_str(mrb_state *mrb, const char *x, mrb_int len, mrb_int base);

/* The lowercase hex digits of bigint *v, with a leading '-' when negative.
 * The String stays on the GC arena, so the bytes live until the caller's
 * arena restore. */
const char *kobako_bigint_hex(mrb_state *mrb, const mrb_value *v, size_t *len) {
  mrb_value str = mrb_bint_to_s(mrb, *v, 16);
  *len = (size_t)RSTRING_LEN(str);
  return RSTRING_PTR(str);
}

/* A bigint from `len` hex digits (no sign; `negative` gives it). The caller
 * only asks for values outside signed 64-bit, so no normalizing is needed. */
void kobako_new_bigint_hex(mrb_state *mrb, const char *hex, size_t len, int negative,
                           mrb_value *out) {
  *out = mrb_bint_new_str(mrb, hex, (mrb_int)len, negative ? -16 : 16);
}
