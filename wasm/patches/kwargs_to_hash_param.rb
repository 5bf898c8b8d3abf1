# frozen_string_literal: true

# Evaluated by wasm/build.rb: a Hash of file, find and replace (indented as in
# the mruby source, hence the six spaces added below).

# mruby 3.2.0: OP_ENTER's fast path for methods with only required parameters
# (src/vm.c) compares the positional count alone and ignores a keyword hash,
# so `def configure(name, opts)` called as `configure("db", host: "x")` raises
# "wrong number of arguments (given 1, expected 2)". CRuby passes the keywords
# as a positional Hash to a method that takes no keywords, and so does mruby's
# general path below the fast one (it already does it for `def f(a, o = {})`):
# calls that carry keywords now take that general path.
{
  file: "src/vm.c",
  find: <<~C.gsub(/^/, "      "),
    if ((a & ~0x7c0001) == 0 && argc < 15 && MRB_PROC_STRICT_P(proc)) {
  C
  replace: <<~C.gsub(/^/, "      ")
    if ((a & ~0x7c0001) == 0 && argc < 15 && ci->nk == 0 && MRB_PROC_STRICT_P(proc)) {
  C
}
