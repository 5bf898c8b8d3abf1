# frozen_string_literal: true

# Method visibility, part 3 of 4: every new frame starts public (the byte
# visibility_frame.rb adds to mrb_callinfo).
{
  file: "src/vm.c",
  find: "  ci->cci = cci;\n  ci->u.target_class = target_class;\n",
  replace: "  ci->cci = cci;\n  ci->vis = 0;\n  ci->u.target_class = target_class;\n"
}
