# frozen_string_literal: true

# The same change as regexp_named_locals_parse_y.rb, in the y.tab.c that
# mruby ships pre-generated from parse.y (the build has no yacc). This file
# sorts after that one, so y.tab.c is written last and stays newer than
# parse.y: mruby's rake then does not try to regenerate it.
eval(File.read(File.join(File.dirname(__FILE__), "regexp_named_locals_parse_y.rb")), binding, __FILE__) # rubocop:disable Security/Eval
  .merge(file: "mrbgems/mruby-compiler/core/y.tab.c")
