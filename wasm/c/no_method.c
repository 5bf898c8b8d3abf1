/* NoMethodError messages that name the receiver the way CRuby 3.1 does
 * (docs/ruby.md, "Core fidelity"): "undefined method 'foo' for nil:NilClass",
 * "for 1:Integer", "for [1]:Array", "for Foo:Class", and for an object whose
 * inspect starts with '#' just that inspect ("for #<Foo>"). mruby's
 * mrb_method_missing (src/class.c) calls kobako_method_missing instead of
 * raising a bare "undefined method 'foo'" (wasm/patches/no_method_message.rb). */

#include <mruby.h>
#include <mruby/error.h>
#include <mruby/string.h>

/* CRuby falls back to the #<Class:0x...> form past 65 characters of inspect. */
#define KOBAKO_RECEIVER_INSPECT_MAX 65

static mrb_value inspect_receiver(mrb_state *mrb, void *self) {
  return mrb_inspect(mrb, *(mrb_value *)self);
}

static mrb_value describe_receiver(mrb_state *mrb, mrb_value self) {
  if (mrb_nil_p(self)) return mrb_str_new_lit(mrb, "nil:NilClass");
  if (mrb_true_p(self)) return mrb_str_new_lit(mrb, "true:TrueClass");
  if (mrb_false_p(self)) return mrb_str_new_lit(mrb, "false:FalseClass");
  mrb_bool failed = FALSE;
  mrb_value desc = mrb_protect_error(mrb, inspect_receiver, &self, &failed);
  if (failed || !mrb_string_p(desc) || RSTRING_LEN(desc) > KOBAKO_RECEIVER_INSPECT_MAX) {
    desc = mrb_any_to_s(mrb, self);
  }
  if (RSTRING_LEN(desc) > 0 && RSTRING_PTR(desc)[0] == '#') return desc;
  return mrb_format(mrb, "%v:%s", desc, mrb_obj_classname(mrb, self));
}

/* Also used for "private method 'x' called for ..." (wasm/c/visibility.c). */
mrb_value kobako_describe_receiver(mrb_state *mrb, mrb_value self) {
  return describe_receiver(mrb, self);
}

mrb_noreturn void kobako_method_missing(mrb_state *mrb, mrb_sym name, mrb_value self, mrb_value args) {
  mrb_value desc = describe_receiver(mrb, self);
  mrb_no_method_error(mrb, name, args, "undefined method '%n' for %v", name, desc);
}
