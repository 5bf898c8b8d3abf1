# frozen_string_literal: true

# mruby 3.2.0 bug: the compiler's pool of Integer literals too big for 64
# bits keeps a negative one with its base negated, but looks an existing
# entry up by the positive base: `[18446744073709551616,
# -18446744073709551616]` reused the positive entry for the second and gave
# two positive numbers. The lookup now compares the base as it is stored.
{
  file: "mrbgems/mruby-compiler/core/codegen.c",
  find: "    if (len == plen && pv->u.str[1] == base && memcmp(pv->u.str+2, p, len) == 0)\n",
  replace: "    if (len == plen && pv->u.str[1] == (char)(neg ? -base : base) && memcmp(pv->u.str+2, p, len) == 0)\n"
}
