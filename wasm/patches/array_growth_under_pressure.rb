# frozen_string_literal: true

# Array growth doubles the capacity, and realloc holds the old and the new
# buffer at once: an Array of 20,000 values (16 bytes each, MRB_NO_BOXING)
# asks for 512 KiB next to its 256 KiB, which a 1 MiB memory_limit cannot
# give although the live data would fit. When the doubled buffer cannot be
# had (after the full GC mrb_realloc_simple runs), grow by an eighth (at least
# the length asked for) and let only that failure raise NoMemoryError.
{
  file: "src/array.c",
  find: <<~C.gsub(/^/, "  "),
    else if (capa > a->as.heap.aux.capa) {
      mrb_value *expanded_ptr = (mrb_value *)mrb_realloc(mrb, a->as.heap.ptr, sizeof(mrb_value)*capa);
  C
  replace: <<~C.gsub(/^/, "  ")
    else if (capa > a->as.heap.aux.capa) {
      mrb_value *expanded_ptr = (mrb_value *)mrb_realloc_simple(mrb, a->as.heap.ptr, sizeof(mrb_value)*capa);
      if (expanded_ptr == NULL) {
        mrb_int modest = a->as.heap.aux.capa + a->as.heap.aux.capa / 8;
        capa = modest > len ? (modest < capa ? modest : capa) : len;
        expanded_ptr = (mrb_value *)mrb_realloc(mrb, a->as.heap.ptr, sizeof(mrb_value)*capa);
      }
  C
}
