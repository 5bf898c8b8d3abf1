# frozen_string_literal: true

# TypeError wording (docs/ruby.md, "Core fidelity"): where mruby says
# "Integer cannot be converted to String" ("a" + 1), CRuby 3.1 says
# "no implicit conversion of Integer into String" (nil, true and false by
# name: "no implicit conversion of nil into String"); mruby's %Y already
# formats the operand that way.
{
  file: "src/object.c",
  edits: %w[Integer Float String Array Hash].map do |kind|
    [%("%Y cannot be converted to #{kind}"), %("no implicit conversion of %Y into #{kind}")]
  end
}
