# frozen_string_literal: true

# mruby 3.2.0 bug, reachable once Integers can be boxed (NaN boxing,
# wasm/build.rb): the VM's comparison opcodes (OP_EQ/LT/LE/GT/GE) read
# Integer operands with mrb_fixnum, the inline-only accessor, so a heap
# RInteger (beyond ±2**47 here) was compared by its pointer bits:
# `2**47 == 2**47` was false. mrb_integer reads both kinds.
{
  file: "src/vm.c",
  find: <<~'C'.gsub(/^/, "  "),
    case TYPES2(MRB_TT_INTEGER,MRB_TT_INTEGER):\
      result = OP_CMP_BODY(op,mrb_fixnum,mrb_fixnum);\
      break;\
    case TYPES2(MRB_TT_INTEGER,MRB_TT_FLOAT):\
      result = OP_CMP_BODY(op,mrb_fixnum,mrb_float);\
      break;\
    case TYPES2(MRB_TT_FLOAT,MRB_TT_INTEGER):\
      result = OP_CMP_BODY(op,mrb_float,mrb_fixnum);\
      break;\
  C
  replace: <<~'C'.gsub(/^/, "  ")
    case TYPES2(MRB_TT_INTEGER,MRB_TT_INTEGER):\
      result = OP_CMP_BODY(op,mrb_integer,mrb_integer);\
      break;\
    case TYPES2(MRB_TT_INTEGER,MRB_TT_FLOAT):\
      result = OP_CMP_BODY(op,mrb_integer,mrb_float);\
      break;\
    case TYPES2(MRB_TT_FLOAT,MRB_TT_INTEGER):\
      result = OP_CMP_BODY(op,mrb_float,mrb_integer);\
      break;\
  C
}
