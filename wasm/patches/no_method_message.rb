# frozen_string_literal: true

# NoMethodError messages (docs/ruby.md, "Core fidelity"): mruby says only
# "undefined method 'foo'"; CRuby 3.1 names the receiver ("for nil:NilClass").
# wasm/c/no_method.c builds the CRuby form.
{
  file: "src/class.c",
  find: <<~C,
    mrb_noreturn void
    mrb_method_missing(mrb_state *mrb, mrb_sym name, mrb_value self, mrb_value args)
    {
      mrb_no_method_error(mrb, name, args, "undefined method '%n'", name);
    }
  C
  replace: <<~C
    #ifdef __wasm__ /* the guest only; the host's mrbc keeps mruby's message */
    mrb_noreturn void kobako_method_missing(mrb_state *mrb, mrb_sym name, mrb_value self, mrb_value args);

    mrb_noreturn void
    mrb_method_missing(mrb_state *mrb, mrb_sym name, mrb_value self, mrb_value args)
    {
      kobako_method_missing(mrb, name, self, args);
    }
    #else
    mrb_noreturn void
    mrb_method_missing(mrb_state *mrb, mrb_sym name, mrb_value self, mrb_value args)
    {
      mrb_no_method_error(mrb, name, args, "undefined method '%n'", name);
    }
    #endif
  C
}
