/* Exception#cause and Kernel#raise with `cause:` (docs/ruby.md, "Core
 * fidelity"). mruby 3.2 has neither: this raise takes the same arguments
 * as mruby's, plus the `cause:` keyword. $! is set by rescue
 * (wasm/patches/rescue_sets_last_error.rb) but not taken as the cause (see
 * kobako_raise below). */

#include <mruby.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/string.h>
#include <mruby/variable.h>

static mrb_sym cause_sym(mrb_state *mrb) {
  /* No '@': invisible to instance_variables and instance_variable_get. */
  return mrb_intern_lit(mrb, "__kobako_cause");
}

static mrb_value exc_cause(mrb_state *mrb, mrb_value self) {
  return mrb_iv_get(mrb, self, cause_sym(mrb));
}

static mrb_value kobako_raise(mrb_state *mrb, mrb_value self) {
  mrb_value a[2], exc;
  mrb_sym kw_names[1] = {mrb_intern_lit(mrb, "cause")};
  mrb_value kw_values[1];
  mrb_kwargs kw = {1, 0, kw_names, kw_values, NULL};
  mrb_int argc = mrb_get_args(mrb, "|oo:", &a[0], &a[1], &kw);
  mrb->c->ci->mid = 0; /* as mruby's raise: the frame is not the culprit */
  mrb_bool explicit_cause = !mrb_undef_p(kw_values[0]);
  if (argc == 0) {
    if (explicit_cause) mrb_raise(mrb, E_ARGUMENT_ERROR, "only cause is given with no arguments");
    /* A bare raise re-raises $! (inside rescue), else an empty RuntimeError. */
    mrb_value last = mrb_gv_get(mrb, mrb_intern_lit(mrb, "$!"));
    if (mrb_obj_is_kind_of(mrb, last, mrb->eException_class)) mrb_exc_raise(mrb, last);
    exc = mrb_exc_new_lit(mrb, E_RUNTIME_ERROR, "");
  } else {
    if (argc == 1 && mrb_string_p(a[0])) {
      a[1] = a[0];
      argc = 2;
      a[0] = mrb_obj_value(E_RUNTIME_ERROR);
    }
    exc = mrb_make_exception(mrb, argc, a);
  }
  /* Only an explicit `cause:`. CRuby also takes $! — but it restores $!
   * when a rescue clause ends, and mruby's VM does not, so a stale $! would
   * chain every exception of a raise/rescue loop to the one before it: a
   * loop of 10^6 rescues would hold 10^6 exceptions alive (docs/ruby.md). */
  mrb_value cause = explicit_cause ? kw_values[0] : mrb_nil_value();
  if (!mrb_nil_p(cause) && !mrb_obj_is_kind_of(mrb, cause, mrb->eException_class)) {
    mrb_raise(mrb, E_TYPE_ERROR, "exception object expected");
  }
  /* An exception keeps the cause it was first raised with (re-raise). */
  if (!mrb_obj_equal(mrb, cause, exc) && (explicit_cause || !mrb_iv_defined(mrb, exc, cause_sym(mrb)))) {
    mrb_iv_set(mrb, exc, cause_sym(mrb), cause);
  }
  mrb_exc_raise(mrb, exc);
  return mrb_nil_value(); /* not reached */
}

void kobako_exception_init(mrb_state *mrb) {
  mrb_define_method(mrb, mrb->eException_class, "cause", exc_cause, MRB_ARGS_NONE());
  mrb_define_method(mrb, mrb->kernel_module, "raise", kobako_raise, MRB_ARGS_ANY());
  mrb_define_class_method(mrb, mrb->kernel_module, "raise", kobako_raise, MRB_ARGS_ANY());
}
