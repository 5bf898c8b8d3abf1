# frozen_string_literal: true

# Method visibility (docs/ruby.md, "Method visibility"), part 1 of 4: mruby
# 3.2 keeps none (`private` is a no-op). A private or protected method is a
# Proc carrying one of these flags, so a lookup finds the visibility with the
# method itself (the method cache included) and redefining the method
# (a fresh Proc) makes it public again, as in CRuby. Bits 13 and 14 are free
# among a Proc's flags (MRB_PROC_NOARG is 4096, the frozen bit is 1 << 20).
# wasm/c/visibility.c sets them; the VM checks them (visibility_send.rb).
{
  file: "include/mruby/proc.h",
  find: "#define MRB_PROC_NOARG_P(p) (((p)->flags & MRB_PROC_NOARG) != 0)\n",
  replace: <<~C
    #define MRB_PROC_NOARG_P(p) (((p)->flags & MRB_PROC_NOARG) != 0)
    #define MRB_PROC_VIS_PRIVATE 8192
    #define MRB_PROC_VIS_PROTECTED 16384
    #define MRB_PROC_VIS_MASK (MRB_PROC_VIS_PRIVATE | MRB_PROC_VIS_PROTECTED)
  C
}
