# frozen_string_literal: true

# On wasm32 a string's length and capacity are stored as mrb_ssize (32-bit
# intptr_t) and handed to mrb_malloc as a 32-bit size_t, while mrb_int is 64
# bits (MRB_INT64). With MRB_STR_LENGTH_MAX=0 nothing stopped a length of
# 2**32 + 1 from becoming a 2-byte buffer that memcpy then wrote 4 GiB into
# (`"x" * (2**32 + 1)`, `"x".ljust(2**40)`, `"ab" * 2**31`: a trap). Every
# heap string's size passes through str_check_too_big (new strings and
# resizes), so a length no wasm32 string can hold (>= 2**31 - 1 bytes, which
# could never fit under a 4 GiB memory either) raises NoMemoryError there, as
# CRuby does for an allocation it cannot make. Smaller sizes stay bounded by
# memory_limit alone.
{
  file: "src/string.c",
  find: <<~C,
    static void
    str_check_too_big(mrb_state *mrb, mrb_int len)
    {
      if (len < 0) {
        mrb_raise(mrb, E_ARGUMENT_ERROR, "[BUG] negative string length");
      }
  C
  replace: <<~C
    static void
    str_check_too_big(mrb_state *mrb, mrb_int len)
    {
      if (len < 0) {
        mrb_raise(mrb, E_ARGUMENT_ERROR, "[BUG] negative string length");
      }
      /* kobako: the length and the +1 for the NUL must fit mrb_ssize and size_t. */
      if ((uint64_t)len >= (uint64_t)MRB_SSIZE_MAX) {
        mrb_raise(mrb, mrb_exc_get_id(mrb, mrb_intern_lit(mrb, "NoMemoryError")),
                  "failed to allocate memory");
      }
  C
}
