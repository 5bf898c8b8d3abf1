# frozen_string_literal: true

# Pattern matching for mruby 3.2's parser: lexer state for a newline after a
# top-level label (`in name:` then a newline, `h => a:, b:` then a newline).
# The lexer skips newlines after a label, so without this the next line would
# be read as the label's value pattern. Appended at the end of the struct
# (mrb_parser_new zeroes it whole); used by pattern_label_newline.rb.
{
  file: "include/mruby/compile.h",
  find: <<~C,
      mrb_ast_node *nvars;
    };
  C
  replace: <<~C
      mrb_ast_node *nvars;

      /* pattern matching: pm_on while a top-level pattern is lexed, with the
         paren and brace depth (pm_paren, pm_brace) it started at; pm_braces
         counts open braces; pm_nl is set by a label of that pattern */
      int pm_on, pm_paren, pm_brace, pm_braces, pm_nl;
    };
  C
}
