/* The run-time half of `defined?` (docs/ruby.md, "defined?"): the guest's
 * parser rewrites defined?(@x), defined?($x) and defined?(method calls)
 * into calls of these (wasm/patches/defined_operator.rb); each answers
 * CRuby's string or nil. */

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/string.h>
#include <mruby/variable.h>

int kobako_method_visibility(mrb_state *mrb, struct RClass *c, mrb_sym mid, struct RClass **owner); /* visibility.c */

/* Kobako.__defined_ivar(self, :@x) */
static mrb_value defined_ivar(mrb_state *mrb, mrb_value self) {
  mrb_value obj;
  mrb_sym name;
  mrb_get_args(mrb, "on", &obj, &name);
  return mrb_iv_defined(mrb, obj, name) ? mrb_str_new_lit(mrb, "instance-variable") : mrb_nil_value();
}

/* Kobako.__defined_gvar(:$x): set at least once (global_variables lists it). */
static mrb_value defined_gvar(mrb_state *mrb, mrb_value self) {
  mrb_sym name;
  mrb_get_args(mrb, "n", &name);
  mrb_value names = mrb_funcall_id(mrb, mrb_top_self(mrb), mrb_intern_lit(mrb, "global_variables"), 0);
  if (!mrb_array_p(names)) return mrb_nil_value();
  for (mrb_int i = 0; i < RARRAY_LEN(names); i++) {
    mrb_value n = RARRAY_PTR(names)[i];
    if (mrb_symbol_p(n) && mrb_symbol(n) == name) return mrb_str_new_lit(mrb, "global-variable");
  }
  return mrb_nil_value();
}

/* Kobako.__defined_method(obj, :m, include_private, caller = nil):
 * "method" when `obj.m` (include_private false, the call having a
 * receiver) or `m` (true, an implicit self) would find a method, or
 * respond_to_missing? says it would. */
static mrb_value defined_method(mrb_state *mrb, mrb_value self) {
  mrb_value obj, caller = mrb_nil_value();
  mrb_sym name;
  mrb_bool include_private;
  mrb_get_args(mrb, "onb|o", &obj, &name, &include_private, &caller);
  mrb_value method = mrb_str_new_lit(mrb, "method");
  struct RClass *owner = NULL;
  int vis = kobako_method_visibility(mrb, mrb_class(mrb, obj), name, &owner);
  if (vis == 0 || (vis > 0 && include_private)) return method;
  if (vis == 2 && mrb_obj_is_kind_of(mrb, caller, owner)) return method;
  if (vis > 0) return mrb_nil_value();
  mrb_sym missing = mrb_intern_lit(mrb, "respond_to_missing?");
  if (!mrb_respond_to(mrb, obj, missing)) return mrb_nil_value();
  mrb_value args[2] = {mrb_symbol_value(name), mrb_bool_value(include_private)};
  return mrb_test(mrb_funcall_argv(mrb, obj, missing, 2, args)) ? method : mrb_nil_value();
}

void kobako_defined_init(mrb_state *mrb, struct RClass *kobako) {
  mrb_define_module_function(mrb, kobako, "__defined_ivar", defined_ivar, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, kobako, "__defined_gvar", defined_gvar, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, kobako, "__defined_method", defined_method, MRB_ARGS_ARG(3, 1));
}
