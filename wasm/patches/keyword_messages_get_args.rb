# frozen_string_literal: true

# The same keyword wording as wasm/patches/keyword_messages.rb for C methods,
# whose keywords mrb_get_args reads (src/class.c).
{
  file: "src/class.c",
  edits: [
    [%("missing keyword: %n", *kname), %("missing keyword: %!v", k)],
    [%("unknown keyword: %v", ksrc), %("unknown keyword: %!v", ksrc)]
  ]
}
