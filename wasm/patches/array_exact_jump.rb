# frozen_string_literal: true

# Growing an Array to far more than twice its capacity at once (Array.new(n),
# `a[n] = x` past the end, a big concat) doubled the capacity from 4 until it
# was enough: Array.new(100_000) { |i| i } asked for 131,072 slots (1 MiB of
# 8-byte values) where CRuby allocates 100,000, which put it right at the
# 1 MiB default memory_limit. Such a jump now takes exactly the length it
# needs; growth one element at a time (push, <<) still doubles.
{
  file: "src/array.c",
  find: "  if (capa < ARY_DEFAULT_LEN) {\n    capa = ARY_DEFAULT_LEN;\n  }\n  while (capa < len) {",
  replace: "  if (capa < ARY_DEFAULT_LEN) {\n    capa = ARY_DEFAULT_LEN;\n  }\n" \
           "  if (len > capa * 2) {\n    capa = len;\n  }\n  while (capa < len) {"
}
