# frozen_string_literal: true

# Evaluated by wasm/build.rb: a Hash of file, find and replace (indented as in
# the mruby source, hence the two spaces added below).

# mruby 3.2.0 bug: prepare_missing() (src/vm.c) overwrites the first argument
# slot with the packed positional arguments before reading the keyword hash
# from it, so `obj.undefined_method(k: 1)` reaches method_missing with the
# keywords replaced by the positional Array. Every Service call with keywords
# only goes through method_missing, so the guest needs this fixed.
{
  file: "src/vm.c",
  find: <<~C.gsub(/^/, "  "),
    argv = &ci->stack[1];         /* maybe reallocated */
    argv[0] = args;
    if (ci->nk == 0) {
      argv[1] = blk;
    }
    else {
      mrb_assert(ci->nk == 15);
      argv[1] = argv[ci->n];
      argv[2] = blk;
    }
  C
  replace: <<~C.gsub(/^/, "  ")
    argv = &ci->stack[1];         /* maybe reallocated */
    if (ci->nk == 0) {
      argv[0] = args;
      argv[1] = blk;
    }
    else {
      mrb_value kdict = argv[ci->n == 15 ? 1 : ci->n];
      mrb_assert(ci->nk == 15);
      argv[0] = args;
      argv[1] = kdict;
      argv[2] = blk;
    }
  C
}
