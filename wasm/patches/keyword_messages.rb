# frozen_string_literal: true

# ArgumentError for keywords, as CRuby 3.1 words it (docs/ruby.md, "Core
# fidelity"): "missing keyword: :a" and "unknown keyword: :b", the key as
# its inspect, where mruby prints "missing keyword: a". The VM raises these
# for Ruby methods (OP_KARG, OP_KEYEND).
{
  file: "src/vm.c",
  edits: [
    [%("missing keyword: %v", k), %("missing keyword: %!v", k)],
    [%("unknown keyword: %v", key1), %("unknown keyword: %!v", key1)]
  ]
}
