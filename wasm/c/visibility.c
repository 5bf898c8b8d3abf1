/* Method visibility (docs/ruby.md, "Method visibility"). mruby 3.2 keeps
 * none: `private` is a no-op and every method answers any caller. Here a
 * private or protected method is a Proc flagged MRB_PROC_VIS_PRIVATE or
 * MRB_PROC_VIS_PROTECTED (wasm/patches/visibility_flags.rb), so the method
 * lookup (and mruby's method cache) finds the visibility with the method,
 * and a redefinition (a fresh, unflagged Proc) is public again, as in CRuby.
 * Changing a method's visibility defines a flagged copy of it in the class
 * (CRuby does the same for an inherited method).
 *
 * What is here: Module#private/protected/public (with names, or with none
 * for the rest of the frame: wasm/patches/visibility_frame.rb),
 * module_function, attr_reader/attr_writer/attr_accessor, the check
 * the VM makes on a call with an explicit receiver (visibility_send.rb),
 * Kernel#respond_to? that answers false for private and protected methods,
 * and Module#__kobako_visibility for the Ruby side (wasm/mrblib/visibility.rb:
 * public_send, *_instance_methods, *_method_defined?, *_methods).
 *
 * C code calling a method (mrb_funcall) skips the check, as rb_funcall
 * does in CRuby. */

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/internal.h> /* after proc.h: mrb_proc_copy is declared only then */

mrb_value kobako_describe_receiver(mrb_state *mrb, mrb_value self); /* wasm/c/no_method.c */

/* The byte a frame keeps (mrb_callinfo.vis) and what __kobako_visibility
 * answers. */
enum { VIS_PUBLIC = 0, VIS_PRIVATE = 1, VIS_PROTECTED = 2 };

static int proc_visibility(const struct RProc *p) {
  if (p == NULL) return VIS_PUBLIC;
  if (p->flags & MRB_PROC_VIS_PRIVATE) return VIS_PRIVATE;
  if (p->flags & MRB_PROC_VIS_PROTECTED) return VIS_PROTECTED;
  return VIS_PUBLIC;
}

static int method_visibility(mrb_method_t m) {
  return MRB_METHOD_PROC_P(m) ? proc_visibility(MRB_METHOD_PROC(m)) : VIS_PUBLIC;
}

static mrb_value visibility_name(mrb_state *mrb, int vis) {
  if (vis == VIS_PRIVATE) return mrb_symbol_value(mrb_intern_lit(mrb, "private"));
  if (vis == VIS_PROTECTED) return mrb_symbol_value(mrb_intern_lit(mrb, "protected"));
  return mrb_symbol_value(mrb_intern_lit(mrb, "public"));
}

static uint32_t visibility_flag(int vis) {
  if (vis == VIS_PRIVATE) return MRB_PROC_VIS_PRIVATE;
  if (vis == VIS_PROTECTED) return MRB_PROC_VIS_PROTECTED;
  return 0;
}

/* The module an owner found by the lookup stands for: an included module's
 * iclass (and a prepended class's origin) point at it with `c`. */
static struct RClass *real_owner(struct RClass *owner) {
  return owner->tt == MRB_TT_ICLASS ? owner->c : owner;
}

/* Called by the VM for a call with an explicit receiver to a flagged method
 * (`ci` is the callee's frame, just pushed; ci[-1] the caller's); raises
 * NoMethodError unless the call is allowed. */
void kobako_check_visibility(mrb_state *mrb, mrb_callinfo *ci, const struct RProc *p, mrb_value recv,
                             mrb_sym mid) {
  mrb_value self = ci[-1].stack[0];
  int vis = proc_visibility(p);
  /* `self.m` is allowed for private methods since Ruby 2.7; the receiver
   * being the caller's self is what the VM can see of it. */
  if (mrb_obj_eq(mrb, self, recv)) return;
  if (vis == VIS_PROTECTED && mrb_obj_is_kind_of(mrb, self, real_owner(ci->u.target_class))) return;
  mrb_value args = ci->n == 15 ? ci->stack[1] : mrb_ary_new_from_values(mrb, ci->n, &ci->stack[1]);
  mrb_value desc = kobako_describe_receiver(mrb, recv);
  mrb_no_method_error(mrb, mid, args, "%s method '%n' called for %v",
                      vis == VIS_PRIVATE ? "private" : "protected", mid, desc);
}

/* CRuby makes these private wherever they are defined. */
static mrb_bool always_private(mrb_state *mrb, mrb_sym mid) {
  return mid == mrb_intern_lit(mrb, "initialize") || mid == mrb_intern_lit(mrb, "initialize_copy") ||
         mid == mrb_intern_lit(mrb, "respond_to_missing?");
}

/* Called by OP_DEF before it defines `p` as `mid` in `target`: the frame's
 * visibility applies to methods of the class the frame defines into, not
 * to `def self.x` (target is then a singleton class of another object). */
void kobako_def_visibility(mrb_state *mrb, const mrb_callinfo *ci, struct RClass *target, struct RProc *p,
                           mrb_sym mid) {
  int vis = VIS_PUBLIC;
  if (always_private(mrb, mid)) {
    vis = VIS_PRIVATE;
  } else if (ci->vis != VIS_PUBLIC && mrb_vm_ci_target_class(ci) == target) {
    vis = ci->vis;
  }
  p->flags = (p->flags & ~MRB_PROC_VIS_MASK) | visibility_flag(vis);
}

/* A copy of `m` (a bare C function or a Proc) flagged `vis`. */
static mrb_method_t flagged_copy(mrb_state *mrb, mrb_method_t m, int vis) {
  struct RProc *p;
  if (MRB_METHOD_FUNC_P(m)) {
    p = mrb_proc_new_cfunc(mrb, MRB_METHOD_FUNC(m));
  } else {
    p = MRB_OBJ_ALLOC(mrb, MRB_TT_PROC, mrb->proc_class);
    mrb_proc_copy(mrb, p, MRB_METHOD_PROC(m));
  }
  p->flags = (p->flags & ~MRB_PROC_VIS_MASK) | visibility_flag(vis);
  mrb_method_t copy;
  MRB_METHOD_FROM_PROC(copy, p);
  if (MRB_METHOD_NOARG_P(m)) MRB_METHOD_NOARG_SET(copy);
  return copy;
}

static void set_visibility(mrb_state *mrb, struct RClass *mod, mrb_sym mid, int vis) {
  struct RClass *owner = mod;
  mrb_method_t m = mrb_method_search_vm(mrb, &owner, mid);
  if (MRB_METHOD_UNDEF_P(m)) {
    mrb_name_error(mrb, mid, "undefined method '%n' for %s '%C'", mid,
                   mod->tt == MRB_TT_MODULE ? "module" : "class", mod);
  }
  if (method_visibility(m) == vis && real_owner(owner) == mod) return;
  mrb_define_method_raw(mrb, mod, mid, flagged_copy(mrb, m, vis));
}

static void set_visibility_of(mrb_state *mrb, struct RClass *mod, mrb_value name, int vis) {
  if (mrb_array_p(name)) {
    for (mrb_int i = 0; i < RARRAY_LEN(name); i++) set_visibility_of(mrb, mod, RARRAY_PTR(name)[i], vis);
    return;
  }
  set_visibility(mrb, mod, mrb_obj_to_sym(mrb, name), vis);
}

/* private / protected / public: with no names, the caller's frame (ci[-1],
 * this C function's own frame being ci) defines the methods that follow
 * with this visibility; with names (or Arrays of them, Ruby 3.0+), those
 * methods get it. Returns nil, the one name, or the names as an Array. */
static mrb_value set_visibility_m(mrb_state *mrb, mrb_value mod, int vis) {
  const mrb_value *argv;
  mrb_int argc;
  mrb_get_args(mrb, "*", &argv, &argc);
  if (argc == 0) {
    if (mrb->c->ci > mrb->c->cibase) mrb->c->ci[-1].vis = (uint8_t)vis;
    return mrb_nil_value();
  }
  mrb_value names = mrb_ary_new_from_values(mrb, argc, argv);
  for (mrb_int i = 0; i < argc; i++) set_visibility_of(mrb, mrb_class_ptr(mod), RARRAY_PTR(names)[i], vis);
  return argc == 1 ? RARRAY_PTR(names)[0] : names;
}

static mrb_value mod_private(mrb_state *mrb, mrb_value mod) { return set_visibility_m(mrb, mod, VIS_PRIVATE); }
static mrb_value mod_protected(mrb_state *mrb, mrb_value mod) { return set_visibility_m(mrb, mod, VIS_PROTECTED); }
static mrb_value mod_public(mrb_state *mrb, mrb_value mod) { return set_visibility_m(mrb, mod, VIS_PUBLIC); }

/* module_function(*names), as CRuby: a public copy of each method on the
 * module's singleton class, and the instance method private. (With no
 * names: wasm/mrblib/kernel_compat.rb.) */
static mrb_value mod_module_function(mrb_state *mrb, mrb_value mod) {
  const mrb_value *argv;
  mrb_int argc;
  mrb_check_type(mrb, mod, MRB_TT_MODULE);
  mrb_get_args(mrb, "*", &argv, &argc);
  if (argc == 0) return mrb_nil_value();
  mrb_value names = mrb_ary_new_from_values(mrb, argc, argv);
  struct RClass *singleton = mrb_class_ptr(mrb_singleton_class(mrb, mod));
  for (mrb_int i = 0; i < argc; i++) {
    mrb_sym mid = mrb_obj_to_sym(mrb, RARRAY_PTR(names)[i]);
    struct RClass *owner = mrb_class_ptr(mod);
    mrb_method_t m = mrb_method_search_vm(mrb, &owner, mid);
    if (MRB_METHOD_UNDEF_P(m)) {
      mrb_name_error(mrb, mid, "undefined method '%n' for module '%C'", mid, mrb_class_ptr(mod));
    }
    mrb_define_method_raw(mrb, singleton, mid, flagged_copy(mrb, m, VIS_PUBLIC));
    set_visibility(mrb, mrb_class_ptr(mod), mid, VIS_PRIVATE);
  }
  return argc == 1 ? RARRAY_PTR(names)[0] : names;
}

/* Module#__kobako_visibility(name, inherit = true): :public, :private,
 * :protected, or nil when the instances have no such method (or, with
 * inherit false, the module does not define it itself). */
static mrb_value mod_visibility(mrb_state *mrb, mrb_value mod) {
  mrb_sym mid;
  mrb_bool inherit = TRUE;
  mrb_get_args(mrb, "n|b", &mid, &inherit);
  struct RClass *owner = mrb_class_ptr(mod);
  mrb_method_t m = mrb_method_search_vm(mrb, &owner, mid);
  if (MRB_METHOD_UNDEF_P(m)) return mrb_nil_value();
  if (!inherit && real_owner(owner) != mrb_class_ptr(mod)) return mrb_nil_value();
  return visibility_name(mrb, method_visibility(m));
}

/* For defined?(recv.m) (wasm/c/defined.c): the visibility of `mid` for
 * instances of `c` (0 public, 1 private, 2 protected), or -1 when they have
 * no such method; `owner` is set to the module that defines it. */
int kobako_method_visibility(mrb_state *mrb, struct RClass *c, mrb_sym mid, struct RClass **owner) {
  struct RClass *found = c;
  mrb_method_t m = mrb_method_search_vm(mrb, &found, mid);
  if (MRB_METHOD_UNDEF_P(m)) return -1;
  *owner = real_owner(found);
  return method_visibility(m);
}

/* Kobako.__visibility(obj, name): the same for one object (its singleton
 * class included), without making a singleton class. */
static mrb_value obj_visibility(mrb_state *mrb, mrb_value self) {
  mrb_value obj;
  mrb_sym mid;
  mrb_get_args(mrb, "on", &obj, &mid);
  struct RClass *owner = mrb_class(mrb, obj);
  mrb_method_t m = mrb_method_search_vm(mrb, &owner, mid);
  if (MRB_METHOD_UNDEF_P(m)) return mrb_nil_value();
  return visibility_name(mrb, method_visibility(m));
}

/* respond_to?(name, include_all = false): private and protected methods
 * only with include_all; else respond_to_missing?, as mruby's own. */
static mrb_value obj_respond_to(mrb_state *mrb, mrb_value self) {
  mrb_sym mid;
  mrb_bool include_all = FALSE;
  mrb_get_args(mrb, "n|b", &mid, &include_all);
  struct RClass *owner = mrb_class(mrb, self);
  mrb_method_t m = mrb_method_search_vm(mrb, &owner, mid);
  if (!MRB_METHOD_UNDEF_P(m)) {
    return mrb_bool_value(include_all || method_visibility(m) == VIS_PUBLIC);
  }
  mrb_sym missing = mrb_intern_lit(mrb, "respond_to_missing?");
  if (!mrb_respond_to(mrb, self, missing)) return mrb_false_value();
  mrb_value args[2] = {mrb_symbol_value(mid), mrb_bool_value(include_all)};
  return mrb_bool_value(mrb_test(mrb_funcall_argv(mrb, self, missing, 2, args)));
}

/* attr_reader / attr_writer / attr_accessor: mruby's (C, and a Ruby
 * attr_accessor that calls them, a frame between it and the class body)
 * define the methods; here they also take the visibility of the frame that
 * called them, as a `def` there would (`private` then `attr_reader :x`),
 * and return the names they defined (Ruby 3.0+), so `private attr_reader
 * :x` works. */
static mrb_func_t mruby_attr_reader, mruby_attr_writer;

static mrb_value attr_define(mrb_state *mrb, mrb_value mod, mrb_bool reader, mrb_bool writer) {
  if (reader) mruby_attr_reader(mrb, mod);
  if (writer) mruby_attr_writer(mrb, mod);
  const mrb_value *argv;
  mrb_int argc;
  mrb_get_args(mrb, "*", &argv, &argc);
  mrb_value args = mrb_ary_new_from_values(mrb, argc, argv);
  mrb_value names = mrb_ary_new_capa(mrb, argc * 2);
  const mrb_callinfo *caller = mrb->c->ci - 1;
  int vis = caller >= mrb->c->cibase && mrb_vm_ci_target_class(caller) == mrb_class_ptr(mod) ? caller->vis : VIS_PUBLIC;
  for (mrb_int i = 0; i < argc; i++) {
    mrb_sym name = mrb_obj_to_sym(mrb, RARRAY_PTR(args)[i]);
    mrb_sym defined[2];
    int n = 0;
    if (reader) defined[n++] = name;
    if (writer) defined[n++] = mrb_intern_str(mrb, mrb_format(mrb, "%n=", name));
    for (int j = 0; j < n; j++) {
      if (vis != VIS_PUBLIC) set_visibility(mrb, mrb_class_ptr(mod), defined[j], vis);
      mrb_ary_push(mrb, names, mrb_symbol_value(defined[j]));
    }
  }
  return names;
}

static mrb_value mod_attr_reader(mrb_state *mrb, mrb_value mod) { return attr_define(mrb, mod, TRUE, FALSE); }
static mrb_value mod_attr_writer(mrb_state *mrb, mrb_value mod) { return attr_define(mrb, mod, FALSE, TRUE); }
static mrb_value mod_attr_accessor(mrb_state *mrb, mrb_value mod) { return attr_define(mrb, mod, TRUE, TRUE); }

static mrb_func_t mruby_func(mrb_state *mrb, struct RClass *c, const char *name) {
  mrb_method_t m = mrb_method_search_vm(mrb, &c, mrb_intern_cstr(mrb, name));
  return MRB_METHOD_CFUNC(m);
}

void kobako_visibility_init(mrb_state *mrb, struct RClass *kobako) {
  struct RClass *mod = mrb->module_class;
  mrb_define_method(mrb, mod, "private", mod_private, MRB_ARGS_ANY());
  mrb_define_method(mrb, mod, "protected", mod_protected, MRB_ARGS_ANY());
  mrb_define_method(mrb, mod, "public", mod_public, MRB_ARGS_ANY());
  mrb_define_method(mrb, mod, "module_function", mod_module_function, MRB_ARGS_ANY());
  mruby_attr_reader = mruby_func(mrb, mod, "attr_reader");
  mruby_attr_writer = mruby_func(mrb, mod, "attr_writer");
  if (mruby_attr_reader && mruby_attr_writer) {
    mrb_define_method(mrb, mod, "attr_reader", mod_attr_reader, MRB_ARGS_ANY());
    mrb_define_method(mrb, mod, "attr", mod_attr_reader, MRB_ARGS_ANY());
    mrb_define_method(mrb, mod, "attr_writer", mod_attr_writer, MRB_ARGS_ANY());
    mrb_define_method(mrb, mod, "attr_accessor", mod_attr_accessor, MRB_ARGS_ANY());
  }
  mrb_define_method(mrb, mod, "__kobako_visibility", mod_visibility, MRB_ARGS_ARG(1, 1));
  mrb_define_module_function(mrb, kobako, "__visibility", obj_visibility, MRB_ARGS_REQ(2));
  mrb_define_method(mrb, mrb->kernel_module, "respond_to?", obj_respond_to, MRB_ARGS_ARG(1, 1));
  /* BasicObject#initialize (mruby's, in C) is private too, like every initialize. */
  set_visibility(mrb, mrb_class_get(mrb, "BasicObject"), mrb_intern_lit(mrb, "initialize"), VIS_PRIVATE);
}
