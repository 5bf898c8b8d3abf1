# frozen_string_literal: true

# Pattern matching for mruby 3.2: the desugared patterns keep their
# temporaries in hidden locals named "%pm..." (pattern_desugar.rb); like the
# "*" and "&" locals of anonymous arguments, local_variables leaves them out.
{
  file: "src/proc.c",
  find: <<~C.gsub(/^/, "          "),
    case '*': case '&':
      break;
  C
  replace: <<~C.gsub(/^/, "          ")
    case '*': case '&': case '%':
      break;
  C
}
