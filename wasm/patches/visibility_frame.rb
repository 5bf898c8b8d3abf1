# frozen_string_literal: true

# Method visibility, part 2 of 4: `private` with no names changes the
# visibility of the methods the calling frame (a class body, a Class.new
# block) defines after it. The frame keeps it in a new byte of its callinfo,
# placed in the two bytes of padding before `mid`, so the struct keeps its
# size and layout (0 public, 1 private, 2 protected; cipush clears it).
{
  file: "include/mruby.h",
  find: "  uint8_t cci;                  /* called from C function */\n  mrb_sym mid;\n",
  replace: <<~C.gsub(/^/, "  ")
    uint8_t cci;                  /* called from C function */
    uint8_t vis;                  /* kobako: visibility of the methods this frame defines */
    mrb_sym mid;
  C
}
