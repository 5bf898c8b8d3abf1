# frozen_string_literal: true

# Array#sort's ArgumentError when two elements do not compare, as CRuby 3.1
# words it (docs/ruby.md, "Core fidelity"): "comparison of Integer with
# String failed" where mruby's sort prints both values ("comparison of 1
# and \"a\" failed"). Both of sort!'s raises; the wording is built by
# Kobako.__cmp_failed (wasm/mrblib/message_compat.rb), defined at boot
# before any script can sort.
message = '"comparison of #{lval.inspect} and #{rval.inspect} failed"' # rubocop:disable Lint/InterpolationCheck
cruby = "Kobako.__cmp_failed(lval, rval)"
{
  file: "mrblib/array.rb",
  edits: [[message, cruby], [message, cruby]]
}
