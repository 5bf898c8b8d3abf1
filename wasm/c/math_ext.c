/* Math.gamma and Math.lgamma, which mruby-math lacks (docs/ruby.md,
 * "Numbers and formatting"), over wasi-libc's tgamma / lgamma_r, with
 * CRuby's exact factorials for the integers 1..23 and its domain errors. */

#include <math.h>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>

double lgamma_r(double x, int *sign);

/* CRuby returns (n-1)! from a table up to gamma(23); products of doubles
 * stay exact up to 22! and 23! is the nearest double, as CRuby's literal. */
#define KOBAKO_GAMMA_TABLE_MAX 23

static mrb_noreturn void domain_error(mrb_state *mrb, const char *fn) {
  struct RClass *math = mrb_module_get(mrb, "Math");
  mrb_raisef(mrb, mrb_class_get_under(mrb, math, "DomainError"),
             "Numerical argument is out of domain - %s", fn);
}

static mrb_value math_gamma(mrb_state *mrb, mrb_value self) {
  mrb_float x;
  mrb_get_args(mrb, "f", &x);
  if (isinf(x) && x < 0) domain_error(mrb, "gamma");
  if (x == floor(x)) {
    if (x < 0) domain_error(mrb, "gamma");
    if (x == 0) return mrb_float_value(mrb, signbit(x) ? -INFINITY : INFINITY);
    if (x <= KOBAKO_GAMMA_TABLE_MAX) {
      double f = 1.0;
      for (int i = 2; i < (int)x; i++) f *= i;
      return mrb_float_value(mrb, f);
    }
  }
  return mrb_float_value(mrb, tgamma(x));
}

static mrb_value math_lgamma(mrb_state *mrb, mrb_value self) {
  mrb_float x;
  mrb_get_args(mrb, "f", &x);
  if (isinf(x) && x < 0) domain_error(mrb, "lgamma");
  if (x == 0) {
    mrb_value pair[2] = {mrb_float_value(mrb, INFINITY), mrb_fixnum_value(signbit(x) ? -1 : 1)};
    return mrb_ary_new_from_values(mrb, 2, pair);
  }
  int sign = 1;
  double v = lgamma_r(x, &sign);
  mrb_value pair[2] = {mrb_float_value(mrb, v), mrb_fixnum_value(sign < 0 ? -1 : 1)};
  return mrb_ary_new_from_values(mrb, 2, pair);
}

void kobako_math_init(mrb_state *mrb) {
  struct RClass *math = mrb_module_get(mrb, "Math");
  mrb_define_module_function(mrb, math, "gamma", math_gamma, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, math, "lgamma", math_lgamma, MRB_ARGS_REQ(1));
}
