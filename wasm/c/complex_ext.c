/* Complex numbers that keep Integer parts, as CRuby's do (docs/ruby.md,
 * "Numbers and formatting"): Complex(3, 4) * 2 is (6+8i), not (6.0+8.0i).
 *
 * mruby-complex stores both parts as doubles. Its objects use none of the
 * header's type-specific flag bits, so one bit per part records "this part
 * is an Integer": every such Integer is below 2^53 in magnitude, where a
 * double holds it exactly, and real / imaginary answer it as an Integer.
 * The constructors and +, -, * (Complex with a number, and Integer or Float
 * with a Complex) are redefined here to set those bits; an Integer result
 * that would leave the exact range, and every division, fall back to the
 * gem's doubles (CRuby would answer a bigger Integer or a Rational). */

#include <mruby.h>
#include <mruby/class.h>
#include <mruby/numeric.h>
#include <mruby/proc.h>

/* mruby-complex's entry points; their prototypes sit behind MRB_USE_COMPLEX
 * in mruby/internal.h, which the glue is not compiled with. */
mrb_value mrb_complex_new(mrb_state *mrb, mrb_float real, mrb_float imaginary);
void mrb_complex_get(mrb_state *mrb, mrb_value cpx, mrb_float *real, mrb_float *imaginary);

#define KOBAKO_REAL_EXACT (1 << 0)
#define KOBAKO_IMAG_EXACT (1 << 1)
/* 2^53: the first integer past which doubles skip integers. */
#define KOBAKO_EXACT_LIMIT ((mrb_int)1 << 53)

struct part {
  mrb_float f;
  mrb_bool exact;
};

static mrb_bool exact_int(mrb_int n) { return n > -KOBAKO_EXACT_LIMIT && n < KOBAKO_EXACT_LIMIT; }

static struct part part_of(mrb_state *mrb, mrb_value v) {
  struct part p;
  if (mrb_integer_p(v) && exact_int(mrb_integer(v))) {
    p.f = (mrb_float)mrb_integer(v);
    p.exact = TRUE;
  } else {
    p.f = mrb_as_float(mrb, v);
    p.exact = FALSE;
  }
  return p;
}

static mrb_value part_value(mrb_state *mrb, struct part p) {
  return p.exact ? mrb_int_value(mrb, (mrb_int)p.f) : mrb_float_value(mrb, p.f);
}

/* An exact part from an Integer computation, or the double when it
 * overflowed or left the exact range. */
static struct part from_int(mrb_bool overflow, mrb_int n, mrb_float fallback) {
  struct part p;
  p.exact = !overflow && exact_int(n);
  p.f = p.exact ? (mrb_float)n : fallback;
  return p;
}

static struct part part_add(struct part a, struct part b) {
  mrb_int n = 0;
  if (!a.exact || !b.exact) return (struct part){a.f + b.f, FALSE};
  mrb_bool overflow = mrb_int_add_overflow((mrb_int)a.f, (mrb_int)b.f, &n);
  return from_int(overflow, n, a.f + b.f);
}

static struct part part_sub(struct part a, struct part b) {
  mrb_int n = 0;
  if (!a.exact || !b.exact) return (struct part){a.f - b.f, FALSE};
  mrb_bool overflow = mrb_int_sub_overflow((mrb_int)a.f, (mrb_int)b.f, &n);
  return from_int(overflow, n, a.f - b.f);
}

static struct part part_mul(struct part a, struct part b) {
  mrb_int n = 0;
  if (!a.exact || !b.exact) return (struct part){a.f * b.f, FALSE};
  mrb_bool overflow = mrb_int_mul_overflow((mrb_int)a.f, (mrb_int)b.f, &n);
  return from_int(overflow, n, a.f * b.f);
}

static mrb_value complex_make(mrb_state *mrb, struct part real, struct part imaginary) {
  mrb_value c = mrb_complex_new(mrb, real.f, imaginary.f);
  struct RBasic *b = mrb_basic_ptr(c);
  if (real.exact) b->flags |= KOBAKO_REAL_EXACT;
  if (imaginary.exact) b->flags |= KOBAKO_IMAG_EXACT;
  return c;
}

static mrb_bool complex_p(mrb_value v) { return mrb_type(v) == MRB_TT_COMPLEX; }

static void parts(mrb_state *mrb, mrb_value c, struct part *real, struct part *imaginary) {
  uint32_t flags = mrb_basic_ptr(c)->flags;
  mrb_complex_get(mrb, c, &real->f, &imaginary->f);
  real->exact = (flags & KOBAKO_REAL_EXACT) != 0;
  imaginary->exact = (flags & KOBAKO_IMAG_EXACT) != 0;
}

/* Complex(a, b), Complex.rect(a, b), Complex.rectangular(a, b). */
static mrb_value complex_rect(mrb_state *mrb, mrb_value self) {
  mrb_value real, imaginary = mrb_fixnum_value(0);
  mrb_get_args(mrb, "o|o", &real, &imaginary);
  return complex_make(mrb, part_of(mrb, real), part_of(mrb, imaginary));
}

static mrb_value complex_real(mrb_state *mrb, mrb_value self) {
  struct part r, i;
  parts(mrb, self, &r, &i);
  return part_value(mrb, r);
}

static mrb_value complex_imaginary(mrb_state *mrb, mrb_value self) {
  struct part r, i;
  parts(mrb, self, &r, &i);
  return part_value(mrb, i);
}

/* Either side as a Complex's two parts (a real number has an exact 0). */
static void operand(mrb_state *mrb, mrb_value v, struct part *real, struct part *imaginary) {
  if (complex_p(v)) {
    parts(mrb, v, real, imaginary);
  } else {
    *real = part_of(mrb, v);
    *imaginary = (struct part){0, TRUE};
  }
}

enum op { CX_ADD, CX_SUB, CX_MUL };

/* x op y where at least one side is a Complex; a real number's missing
 * imaginary part takes no part in the sums, as in CRuby, so
 * Complex(1, 2) + 1.5 keeps the Integer 2. */
static mrb_value complex_op(mrb_state *mrb, mrb_value x, mrb_value y, enum op op) {
  struct part xr, xi, yr, yi;
  operand(mrb, x, &xr, &xi);
  operand(mrb, y, &yr, &yi);
  mrb_bool x_real = !complex_p(x);
  mrb_bool y_real = !complex_p(y);
  switch (op) {
  case CX_ADD:
    if (y_real) return complex_make(mrb, part_add(xr, yr), xi);
    if (x_real) return complex_make(mrb, part_add(xr, yr), yi);
    return complex_make(mrb, part_add(xr, yr), part_add(xi, yi));
  case CX_SUB:
    if (y_real) return complex_make(mrb, part_sub(xr, yr), xi);
    if (x_real) return complex_make(mrb, part_sub(xr, yr), part_sub((struct part){0, TRUE}, yi));
    return complex_make(mrb, part_sub(xr, yr), part_sub(xi, yi));
  default:
    if (y_real) return complex_make(mrb, part_mul(xr, yr), part_mul(xi, yr));
    if (x_real) return complex_make(mrb, part_mul(xr, yr), part_mul(xr, yi));
    return complex_make(mrb, part_sub(part_mul(xr, yr), part_mul(xi, yi)),
                        part_add(part_mul(xr, yi), part_mul(yr, xi)));
  }
}

static mrb_value complex_add(mrb_state *mrb, mrb_value self) {
  return complex_op(mrb, self, mrb_get_arg1(mrb), CX_ADD);
}

static mrb_value complex_sub(mrb_state *mrb, mrb_value self) {
  return complex_op(mrb, self, mrb_get_arg1(mrb), CX_SUB);
}

static mrb_value complex_mul(mrb_state *mrb, mrb_value self) {
  return complex_op(mrb, self, mrb_get_arg1(mrb), CX_MUL);
}

/* Integer#+ and friends keep their own C functions for every other
 * argument; they are looked up once at boot and called from the wrapper,
 * which reads its argument from the same call frame. */
enum { KOBAKO_INT_ADD, KOBAKO_INT_SUB, KOBAKO_INT_MUL, KOBAKO_FLO_ADD, KOBAKO_FLO_SUB, KOBAKO_FLO_MUL };
static mrb_func_t original[6];

#define REAL_WRAPPER(name, slot, op)                                   \
  static mrb_value name(mrb_state *mrb, mrb_value self) {              \
    mrb_value other = mrb_get_arg1(mrb);                               \
    if (complex_p(other)) return complex_op(mrb, self, other, op);     \
    return original[slot](mrb, self);                                  \
  }

REAL_WRAPPER(int_add, KOBAKO_INT_ADD, CX_ADD)
REAL_WRAPPER(int_sub, KOBAKO_INT_SUB, CX_SUB)
REAL_WRAPPER(int_mul, KOBAKO_INT_MUL, CX_MUL)
REAL_WRAPPER(flo_add, KOBAKO_FLO_ADD, CX_ADD)
REAL_WRAPPER(flo_sub, KOBAKO_FLO_SUB, CX_SUB)
REAL_WRAPPER(flo_mul, KOBAKO_FLO_MUL, CX_MUL)

static void wrap(mrb_state *mrb, struct RClass *c, const char *name, int slot, mrb_func_t wrapper) {
  mrb_method_t m = mrb_method_search(mrb, c, mrb_intern_cstr(mrb, name));
  if (!MRB_METHOD_FUNC_P(m)) return; /* not mruby's C method: left alone */
  original[slot] = MRB_METHOD_FUNC(m);
  mrb_define_method(mrb, c, name, wrapper, MRB_ARGS_REQ(1));
}

static mrb_value nil_to_c(mrb_state *mrb, mrb_value self) {
  struct part zero = {0, TRUE};
  return complex_make(mrb, zero, zero);
}

void kobako_complex_init(mrb_state *mrb) {
  struct RClass *complex = mrb_class_get(mrb, "Complex");
  mrb_define_method(mrb, mrb->kernel_module, "Complex", complex_rect, MRB_ARGS_ARG(1, 1));
  mrb_define_class_method(mrb, complex, "rect", complex_rect, MRB_ARGS_ARG(1, 1));
  mrb_define_class_method(mrb, complex, "rectangular", complex_rect, MRB_ARGS_ARG(1, 1));
  mrb_define_method(mrb, complex, "real", complex_real, MRB_ARGS_NONE());
  mrb_define_method(mrb, complex, "imaginary", complex_imaginary, MRB_ARGS_NONE());
  mrb_define_method(mrb, complex, "imag", complex_imaginary, MRB_ARGS_NONE());
  mrb_define_method(mrb, complex, "+", complex_add, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, complex, "-", complex_sub, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, complex, "*", complex_mul, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, mrb->nil_class, "to_c", nil_to_c, MRB_ARGS_NONE());

  wrap(mrb, mrb->integer_class, "+", KOBAKO_INT_ADD, int_add);
  wrap(mrb, mrb->integer_class, "-", KOBAKO_INT_SUB, int_sub);
  wrap(mrb, mrb->integer_class, "*", KOBAKO_INT_MUL, int_mul);
  wrap(mrb, mrb->float_class, "+", KOBAKO_FLO_ADD, flo_add);
  wrap(mrb, mrb->float_class, "-", KOBAKO_FLO_SUB, flo_sub);
  wrap(mrb, mrb->float_class, "*", KOBAKO_FLO_MUL, flo_mul);
}
