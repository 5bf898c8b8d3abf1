# frozen_string_literal: true

# mruby 3.2.0 bug: `return` inside a block unwinds every frame up to the
# block's method, running their ensure clauses, and then returns from the
# method without running the method's own: `def m; [1].each { return 1 };
# ensure; p :e; end` never prints, where CRuby does. Finish such a return as
# an ordinary return from the method, which runs them.
{
  file: "src/vm.c",
  find: <<~C.gsub(/^(?=.)/, "          "),
      proc = ci->proc;
      mrb->exc = NULL; /* clear break object */
      break;
    }
    /* fallthrough */
  C
  replace: <<~C.gsub(/^(?=.)/, "          ")
      proc = ci->proc;
      mrb->exc = NULL; /* clear break object */
      goto NORMAL_RETURN;
    }
    /* fallthrough */
  C
}
