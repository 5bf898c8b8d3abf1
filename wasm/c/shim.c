/* The C side of the guest: everything that touches mruby's API directly.
 *
 * Rust never handles an mrb_value by value: it holds them as opaque 8-byte (NaN-boxed)
 * blobs and passes pointers, so no struct-passing ABI has to agree across the
 * language boundary. Every entry that can raise runs under mrb_protect_error:
 * an mruby raise with no handler would abort() the whole guest. */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/compile.h>
#include <mruby/data.h>
#include <mruby/dump.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/irep.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "wire_status.h"

void kobako_json_init(mrb_state *mrb); /* wasm/c/json.c */
void kobako_math_init(mrb_state *mrb); /* wasm/c/math_ext.c */
void kobako_exception_init(mrb_state *mrb); /* wasm/c/exception.c */
void kobako_complex_init(mrb_state *mrb); /* wasm/c/complex_ext.c */
void kobako_visibility_init(mrb_state *mrb, struct RClass *kobako); /* wasm/c/visibility.c */
void kobako_defined_init(mrb_state *mrb, struct RClass *kobako); /* wasm/c/defined.c */

/* A String flag of kobako's own: the bytes are binary (ASCII-8BIT on the
 * host). Bits 0-10 are mruby's string flags; 11 is free. */
#define KOBAKO_STR_BINARY (1 << 11)

/* Kinds reported to Rust; keep in sync with wasm/src/mruby.rs. */
enum kobako_kind {
  KOBAKO_NIL = 0,
  KOBAKO_FALSE,
  KOBAKO_TRUE,
  KOBAKO_INTEGER,
  KOBAKO_FLOAT,
  KOBAKO_SYMBOL,
  KOBAKO_STRING,
  KOBAKO_ARRAY,
  KOBAKO_HASH,
  KOBAKO_BIGINT,
  KOBAKO_OTHER,
  KOBAKO_HANDLE,
};

/* ---- handles --------------------------------------------------------------
 * A Handle is a host object the guest holds by id. The id lives in the data
 * pointer of an object of this data type; only kobako_new_handle makes one,
 * so a script cannot forge an id: Handle.new/.allocate are removed, and an
 * object allocated any other way lacks this type and is not a Handle. */
static const struct mrb_data_type kobako_handle_type = {"Kobako::Handle", NULL};

static struct RClass *handle_class(mrb_state *mrb) {
  return mrb_class_get_under(mrb, mrb_module_get(mrb, "Kobako"), "Handle");
}

static mrb_bool handle_p(const mrb_value *v) {
  return mrb_type(*v) == MRB_TT_CDATA && DATA_TYPE(*v) == &kobako_handle_type;
}

void kobako_new_handle(mrb_state *mrb, uint32_t id, mrb_value *out) {
  struct RData *d = mrb_data_object_alloc(mrb, handle_class(mrb), (void *)(uintptr_t)id,
                                          &kobako_handle_type);
  d->flags |= MRB_FL_OBJ_IS_FROZEN;
  *out = mrb_obj_value(d);
}

uint32_t kobako_handle_id(const mrb_value *v) { return (uint32_t)(uintptr_t)DATA_PTR(*v); }

static mrb_value handle_id(mrb_state *mrb, mrb_value self) {
  if (!handle_p(&self)) mrb_raise(mrb, E_TYPE_ERROR, "not a Kobako::Handle");
  return mrb_int_value(mrb, kobako_handle_id(&self));
}

/* ---- output ---------------------------------------------------------- */

/* Output is buffered here, one buffer per fd, and reaches WASI fd_write only
 * when a buffer fills or the script calls flush: one fd_write costs ~8 us
 * through wasmtime-wasi, more than mruby takes to build a 40-byte line. The
 * host reads whatever is still buffered straight out of guest memory
 * (kobako_output_area below, docs/native.md "Output") after every run, trap
 * or not, and before every Service call and yield reply, so nothing is lost
 * and the order against host-side effects stays the order of the script. */
#define KOBAKO_OUT_CAP 65536 /* 64 KiB: a fd_write per ~1600 40-byte lines */

static char kobako_out_bytes[2][KOBAKO_OUT_CAP];

/* Read by the host at fixed offsets: for fd 1 then fd 2, three little-endian
 * u32s (where the buffer lies, its capacity, bytes pending). Only the host
 * resets `len` besides kobako_out_flush. */
struct kobako_out_buffer {
  char *ptr;
  uint32_t cap;
  uint32_t len;
};
static struct kobako_out_buffer kobako_out[2] = {
    {kobako_out_bytes[0], KOBAKO_OUT_CAP, 0},
    {kobako_out_bytes[1], KOBAKO_OUT_CAP, 0},
};

/* Exported by wasm/src/exports.rs as kobako_output_area. */
uint32_t kobako_c_output_area(void) { return (uint32_t)(uintptr_t)kobako_out; }

static void kobako_out_raw(int fd, const char *p, size_t left) {
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n <= 0) break; /* the host never refuses, but never spin */
    p += n;
    left -= (size_t)n;
  }
}

static void kobako_out_flush(int fd) {
  struct kobako_out_buffer *b = &kobako_out[fd - 1];
  uint32_t len = b->len;
  b->len = 0;
  kobako_out_raw(fd, b->ptr, len);
}

static void kobako_out_append(int fd, const char *p, size_t len) {
  struct kobako_out_buffer *b = &kobako_out[fd - 1];
  if (len > b->cap - b->len) {
    kobako_out_flush(fd);
    if (len >= b->cap) { /* bigger than the whole buffer: straight through */
      kobako_out_raw(fd, p, len);
      return;
    }
  }
  memcpy(b->ptr + b->len, p, len);
  b->len += (uint32_t)len;
}

static int kobako_out_fd(mrb_state *mrb, mrb_int fd) {
  if (fd != 1 && fd != 2) mrb_raise(mrb, E_ARGUMENT_ERROR, "only fd 1 and 2 are writable");
  return (int)fd;
}

/* Kobako.__write(fd, string): the single primitive under print/p/warn/write
 * and $stdout/$stderr. */
static mrb_value kobako_write(mrb_state *mrb, mrb_value self) {
  mrb_int fd;
  mrb_value str;
  mrb_get_args(mrb, "iS", &fd, &str);
  kobako_out_append(kobako_out_fd(mrb, fd), RSTRING_PTR(str), (size_t)RSTRING_LEN(str));
  return mrb_int_value(mrb, RSTRING_LEN(str));
}

/* Kobako.__puts(fd, objects) -> true when every object is a String and all
 * were written as IO#puts writes them; false (nothing written) otherwise, and
 * the prelude takes the general path. The common `puts "text"` then costs no
 * Ruby-level call beyond Output#puts. */
static mrb_value kobako_puts(mrb_state *mrb, mrb_value self) {
  mrb_int fd;
  mrb_value objects;
  mrb_get_args(mrb, "iA", &fd, &objects);
  int out = kobako_out_fd(mrb, fd);
  mrb_int n = RARRAY_LEN(objects);
  for (mrb_int i = 0; i < n; i++) {
    if (!mrb_string_p(RARRAY_PTR(objects)[i])) return mrb_false_value();
  }
  if (n == 0) kobako_out_append(out, "\n", 1);
  for (mrb_int i = 0; i < n; i++) {
    mrb_value str = RARRAY_PTR(objects)[i];
    mrb_int len = RSTRING_LEN(str);
    kobako_out_append(out, RSTRING_PTR(str), (size_t)len);
    if (len == 0 || RSTRING_PTR(str)[len - 1] != '\n') kobako_out_append(out, "\n", 1);
  }
  return mrb_true_value();
}

/* Kobako.__flush(fd): IO#flush. */
static mrb_value kobako_flush(mrb_state *mrb, mrb_value self) {
  mrb_int fd;
  mrb_get_args(mrb, "i", &fd);
  kobako_out_flush(kobako_out_fd(mrb, fd));
  return mrb_nil_value();
}

/* Implemented in Rust (entry in wasm/src/mruby.rs, the work in
 * wasm/src/service.rs): encodes the request, crosses
 * env.__kobako_dispatch, decodes the reply into *out. Returns 0 on success,
 * else *out is a message String and *error_class the class to raise. */
int kobako_rs_dispatch(mrb_state *mrb, const mrb_value *request, mrb_value *out,
                       const char **error_class);

/* Kobako.__dispatch(request) -> reply: one Service round trip. A request
 * that cannot be encoded raises here, at the guest call site, and nothing is
 * sent. */
static mrb_value dispatch_or_raise(mrb_state *mrb, mrb_value req) {
  mrb_value out = mrb_nil_value();
  const char *error_class = NULL;
  if (kobako_rs_dispatch(mrb, &req, &out, &error_class) != 0) {
    struct RClass *cls = strncmp(error_class, "Kobako::", 8) == 0
        ? mrb_class_get_under(mrb, mrb_module_get(mrb, "Kobako"), error_class + 8)
        : mrb_class_get(mrb, error_class);
    mrb_exc_raise(mrb, mrb_exc_new_str(mrb, cls, out));
  }
  return out;
}

static mrb_value kobako_dispatch(mrb_state *mrb, mrb_value self) {
  return dispatch_or_raise(mrb, mrb_get_arg1(mrb));
}

/* Kobako.__call(target, name, args, kwargs, block): one Service call from a
 * proxy's method_missing. The common call (no block, a name the guest does
 * not refuse itself, a REPLY_OK) runs here, with no Ruby method in between:
 * in the prelude the same steps cost ~2 us per call, more than the host's
 * side of it. Everything else is the prelude's Kobako.__call_ruby (blocks,
 * refused names) or Kobako.__settle (error replies), unchanged. The proxies
 * send calls with a block to __call_ruby themselves: a `return` in the block
 * must find no C frame between it and its method (kobako_broke_out). */
static mrb_value kobako_call(mrb_state *mrb, mrb_value self) {
  mrb_value argv[5];
  mrb_get_args(mrb, "ooooo", &argv[0], &argv[1], &argv[2], &argv[3], &argv[4]);
  mrb_value denied = mrb_const_get(mrb, self, mrb_intern_lit(mrb, "DENIED"));
  if (!mrb_nil_p(argv[4]) || !mrb_symbol_p(argv[1]) || !mrb_hash_p(denied) ||
      mrb_hash_key_p(mrb, denied, argv[1])) {
    return mrb_funcall_argv(mrb, self, mrb_intern_lit(mrb, "__call_ruby"), 5, argv);
  }
  mrb_value fields[5] = {argv[0], mrb_sym_str(mrb, mrb_symbol(argv[1])), argv[2], argv[3], mrb_nil_value()};
  mrb_value reply = dispatch_or_raise(mrb, mrb_ary_new_from_values(mrb, 5, fields));
  if (mrb_array_p(reply) && RARRAY_LEN(reply) == 2 && mrb_integer_p(RARRAY_PTR(reply)[0]) &&
      mrb_integer(RARRAY_PTR(reply)[0]) == KOBAKO_REPLY_OK) {
    return RARRAY_PTR(reply)[1];
  }
  mrb_value settle[2] = {reply, mrb_nil_value()};
  return mrb_funcall_argv(mrb, self, mrb_intern_lit(mrb, "__settle"), 2, settle);
}

/* Kobako.__call_block(block, args) -> [BLOCK_VALUE, value] |
 * [BLOCK_BROKE, break_value] | [BLOCK_RAISED, exception] (wire_status.h).
 * The block runs behind a C boundary (the host is between it and its call
 * site), so `break` arrives here as mruby's internal break
 * object instead of unwinding; it is turned into data the caller acts on. */
struct block_call {
  mrb_value block;
  mrb_value args;
};

static mrb_value block_body(mrb_state *mrb, void *data) {
  struct block_call *c = data;
  return mrb_yield_argv(mrb, c->block, RARRAY_LEN(c->args), RARRAY_PTR(c->args));
}

#define KOBAKO_BREAK_TAG(brk) (((brk)->flags >> 8) & 7) /* vm.c's RBREAK_TAG_* */
#define KOBAKO_TAG_RETURN_BLOCK 3                          /* RBREAK_TAG_RETURN_BLOCK */

mrb_bool mrb_kobako_yielded_p(mrb_state *mrb, const mrb_callinfo *ci); /* patched vm.c */

/* Kobako.__broke_out(value): the value of a Service call whose block broke
 * out: a `break` value as is. A `return`, `throw` or outer `break` (kept as
 * mruby's break object) is finished here, now that the Service call is back
 * in the guest: the VM resumes unwinding (running ensure clauses) when a C
 * function raises a break. For a return this first checks, as vm.c does
 * before one, that the block's method is still running and no other C
 * function lies in between; else it is the LocalJumpError mruby gives. */
static mrb_value kobako_broke_out(mrb_state *mrb, mrb_value self) {
  mrb_value b = mrb_get_arg1(mrb);
  if (mrb_type(b) != MRB_TT_BREAK) return b;
  struct RBreak *brk = (struct RBreak *)mrb_ptr(b);
  /* A `break` (throw) is checked by the VM itself as it unwinds. */
  if (KOBAKO_BREAK_TAG(brk) == KOBAKO_TAG_RETURN_BLOCK) {
    const struct RProc *dst = mrb_break_proc_get(brk);
    while (dst->upper && !MRB_PROC_SCOPE_P(dst) && !MRB_PROC_STRICT_P(dst)) dst = dst->upper;
    mrb_bool ok = !MRB_PROC_ENV_P(dst) || MRB_ENV_ONSTACK_P(MRB_PROC_ENV(dst));
    mrb_bool handed_on = FALSE; /* to an outer Service's block: checked there again */
    const mrb_callinfo *ci = mrb->c->ci;
    while (ok && ci > mrb->c->cibase && ci->proc != dst) {
      if (mrb_kobako_yielded_p(mrb, ci)) {
        handed_on = TRUE;
        break;
      }
      if (ci->cci != 0 /* CINFO_NONE */) ok = FALSE;
      ci--;
    }
    if (!ok || (!handed_on && ci <= mrb->c->cibase)) {
      mrb_raise(mrb, E_LOCALJUMP_ERROR, "unexpected return");
    }
  }
  mrb_exc_raise(mrb, b);
  return mrb_nil_value(); /* not reached */
}

static mrb_value kobako_call_block(mrb_state *mrb, mrb_value self) {
  struct block_call c;
  mrb_get_args(mrb, "oA", &c.block, &c.args);
  if (!mrb_proc_p(c.block)) mrb_raise(mrb, E_TYPE_ERROR, "not a block");
  mrb_bool failed = FALSE;
  mrb_value v = mrb_protect_error(mrb, block_body, &c, &failed);
  mrb_value pair[2] = {mrb_fixnum_value(KOBAKO_BLOCK_VALUE), v};
  if (failed && mrb_type(v) == MRB_TT_BREAK) {
    struct RBreak *brk = (struct RBreak *)mrb_ptr(v);
    const struct RProc *target = mrb_break_proc_get(brk);
    if (KOBAKO_BREAK_TAG(brk) == 0 && target == mrb_proc_ptr(c.block)) {
      pair[0] = mrb_fixnum_value(KOBAKO_BLOCK_BROKE);
      pair[1] = mrb_break_value_get(brk);
    } else if (KOBAKO_BREAK_TAG(brk) == 0 || KOBAKO_BREAK_TAG(brk) == KOBAKO_TAG_RETURN_BLOCK) {
      /* `return`, `throw`, an outer block's `break`: the break itself, for
       * Kobako.__broke_out (wasm/patches/service_block_return.rb). */
      pair[0] = mrb_fixnum_value(KOBAKO_BLOCK_ESCAPED);
      pair[1] = v;
    } else {
      pair[0] = mrb_fixnum_value(KOBAKO_BLOCK_RAISED);
      pair[1] = mrb_exc_new_lit(mrb, E_LOCALJUMP_ERROR, "unexpected return from a block run by a Service");
    }
  } else if (failed) {
    pair[0] = mrb_fixnum_value(KOBAKO_BLOCK_RAISED);
  }
  return mrb_ary_new_from_values(mrb, 2, pair);
}

/* ---- binary strings -------------------------------------------------- */

static mrb_value str_b(mrb_state *mrb, mrb_value self) {
  mrb_value copy = mrb_str_dup(mrb, self);
  RSTRING(copy)->flags |= KOBAKO_STR_BINARY;
  return copy;
}

static mrb_value str_binary_p(mrb_state *mrb, mrb_value self) {
  return mrb_bool_value((RSTRING(self)->flags & KOBAKO_STR_BINARY) != 0);
}

static mrb_value str_set_binary(mrb_state *mrb, mrb_value self) {
  mrb_value flag = mrb_get_arg1(mrb);
  mrb_check_frozen(mrb, mrb_obj_ptr(self));
  if (mrb_test(flag)) RSTRING(self)->flags |= KOBAKO_STR_BINARY;
  else RSTRING(self)->flags &= ~KOBAKO_STR_BINARY;
  return self;
}

/* Strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF): the
 * host would otherwise receive a String whose bytes contradict its encoding. */
int kobako_utf8_valid(const unsigned char *p, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = p[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else return 0;
    if (len - i <= n) return 0;
    for (size_t k = 1; k <= n; k++) {
      if ((p[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += n + 1;
  }
  return 1;
}

static mrb_value str_valid_utf8_p(mrb_state *mrb, mrb_value self) {
  return mrb_bool_value(
      kobako_utf8_valid((const unsigned char *)RSTRING_PTR(self), (size_t)RSTRING_LEN(self)));
}

/* ---- boot -------------------------------------------------------------- */

static mrb_value load_prelude(mrb_state *mrb, void *data) {
  const mrb_value *src = data;
  mrbc_context *cxt = mrbc_context_new(mrb);
  mrbc_filename(mrb, cxt, "(kobako)");
  mrb_value v = mrb_load_nstring_cxt(mrb, RSTRING_PTR(*src), RSTRING_LEN(*src), cxt);
  mrbc_context_free(mrb, cxt);
  if (mrb->exc) mrb_exc_raise(mrb, mrb_obj_value(mrb->exc));
  return v;
}

/* `Kobako.__run(Kobako.__take_request)` as top-level code, compiled at boot.
 * #run executes it on the VM (not through mrb_funcall) so the entrypoint has
 * no C frame below it: Fiber and external Enumerators work as in #eval. */
static struct RProc *runner;

static struct RProc *compile_runner(mrb_state *mrb) {
  mrbc_context *cxt = mrbc_context_new(mrb);
  mrbc_filename(mrb, cxt, "(kobako)");
  cxt->no_exec = TRUE;
  mrb_value proc = mrb_load_string_cxt(mrb, "Kobako.__run(Kobako.__take_request)", cxt);
  mrbc_context_free(mrb, cxt);
  if (mrb->exc || !mrb_proc_p(proc)) return NULL;
  mrb_gc_register(mrb, proc);
  return mrb_proc_ptr(proc);
}

/* Opens the interpreter and runs the prelude; NULL when anything failed.
 * Runs once, at build time, inside the pre-initializer. */
mrb_state *kobako_boot(const char *prelude, size_t len) {
  mrb_state *mrb = mrb_open();
  if (mrb == NULL) return NULL;
  struct RClass *kobako = mrb_define_module(mrb, "Kobako");
  mrb_define_module_function(mrb, kobako, "__write", kobako_write, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, kobako, "__puts", kobako_puts, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, kobako, "__flush", kobako_flush, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, kobako, "__dispatch", kobako_dispatch, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, kobako, "__call", kobako_call, MRB_ARGS_REQ(5));
  mrb_define_module_function(mrb, kobako, "__call_block", kobako_call_block, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, kobako, "__broke_out", kobako_broke_out, MRB_ARGS_REQ(1));
  struct RClass *handle = mrb_define_class_under(mrb, kobako, "Handle", mrb_class_get(mrb, "BasicObject"));
  MRB_SET_INSTANCE_TT(handle, MRB_TT_CDATA);
  mrb_undef_class_method(mrb, handle, "new");
  mrb_undef_class_method(mrb, handle, "allocate");
  mrb_define_method(mrb, handle, "__kobako_id", handle_id, MRB_ARGS_NONE());
  mrb_define_method(mrb, mrb->string_class, "b", str_b, MRB_ARGS_NONE());
  mrb_define_method(mrb, mrb->string_class, "__kobako_binary?", str_binary_p, MRB_ARGS_NONE());
  mrb_define_method(mrb, mrb->string_class, "__kobako_binary=", str_set_binary, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, mrb->string_class, "__kobako_valid_utf8?", str_valid_utf8_p, MRB_ARGS_NONE());
  kobako_json_init(mrb); /* wasm/c/json.c */
  kobako_math_init(mrb); /* wasm/c/math_ext.c */
  kobako_exception_init(mrb); /* wasm/c/exception.c */
  kobako_complex_init(mrb); /* wasm/c/complex_ext.c */
  kobako_visibility_init(mrb, kobako); /* wasm/c/visibility.c */
  kobako_defined_init(mrb, kobako); /* wasm/c/defined.c */
  if (!kobako_wire_status_init(mrb, kobako)) return NULL; /* wasm/c/wire_status.h */

  mrb_value src = mrb_str_new(mrb, prelude, (mrb_int)len);
  mrb_bool failed = FALSE;
  mrb_protect_error(mrb, load_prelude, &src, &failed);
  if (failed) return NULL;
  runner = compile_runner(mrb);
  if (runner == NULL) return NULL;
  mrb_garbage_collect(mrb);
  return mrb;
}

/* ---- evaluation ---------------------------------------------------------- */

struct eval_args {
  const char *src;
  size_t len;
  const char *filename;
  int syntax_line; /* set when the source does not parse */
  int debug;       /* compile only: keep line numbers in the bytecode */
  int load_failed; /* bytecode only: mruby's loader refused it */
  const mrb_value *request; /* #run only: [name, [args, kwargs]] */
};

/* Parses a->src; NULL with *message set (and a->syntax_line) when it does
 * not parse. The caller frees the parser and *cxt. */
static struct mrb_parser_state *parse_source(mrb_state *mrb, struct eval_args *a, mrbc_context **cxt,
                                             mrb_value *message) {
  *cxt = mrbc_context_new(mrb);
  mrbc_filename(mrb, *cxt, a->filename);
  (*cxt)->capture_errors = TRUE; /* report through error_buffer, not stderr */
  struct mrb_parser_state *p = mrb_parse_nstring(mrb, a->src, a->len, *cxt);
  if (p == NULL) {
    mrbc_context_free(mrb, *cxt);
    mrb_raise(mrb, E_RUNTIME_ERROR, "the parser could not start");
  }
  if (p->nerr == 0) return p;
  const struct mrb_parser_message *e = &p->error_buffer[0];
  *message = mrb_format(mrb, "%s:%d:%d: %s", a->filename, (int)e->lineno, e->column,
                        e->message ? e->message : "syntax error");
  a->syntax_line = e->lineno > 0 ? e->lineno : 1;
  mrb_parser_free(p);
  mrbc_context_free(mrb, *cxt);
  return NULL;
}

static mrb_value eval_body(mrb_state *mrb, void *data) {
  struct eval_args *a = data;
  mrbc_context *cxt;
  mrb_value message = mrb_nil_value();
  struct mrb_parser_state *p = parse_source(mrb, a, &cxt, &message);
  if (p == NULL) return message;
  mrb_value v = mrb_load_exec(mrb, p, cxt); /* frees p */
  mrbc_context_free(mrb, cxt);
  if (mrb->exc) mrb_exc_raise(mrb, mrb_obj_value(mrb->exc));
  return v;
}

/* Runs body under a protect. 0: *out is the value. 1: *out is the exception
 * the code raised. 2: the source does not parse; *out is the message, *line
 * its line. 3: the bytecode could not be loaded. */
static int protected_run(mrb_state *mrb, mrb_protect_error_func *body, struct eval_args *a, mrb_value *out,
                         int *line) {
  mrb_bool failed = FALSE;
  mrb->exc = NULL;
  *out = mrb_protect_error(mrb, body, a, &failed);
  mrb->exc = NULL;
  /* Keep the result reachable: nothing else refers to it now. */
  mrb_gc_protect(mrb, *out);
  if (line) *line = a->syntax_line;
  if (failed) return 1;
  if (a->load_failed) return 3;
  return a->syntax_line > 0 ? 2 : 0;
}

int kobako_eval_source(mrb_state *mrb, const char *src, size_t len, const char *filename,
                       mrb_value *out, int *line) {
  struct eval_args a = {.src = src, .len = len, .filename = filename};
  return protected_run(mrb, eval_body, &a, out, line);
}

/* Defined in mruby's src/dump.c; 3.2 declares it only in an internal header. */
int mrb_dump_irep(mrb_state *mrb, const mrb_irep *irep, uint8_t flags, uint8_t **bin, size_t *bin_size);

static mrb_value compile_body(mrb_state *mrb, void *data) {
  struct eval_args *a = data;
  mrbc_context *cxt;
  mrb_value message = mrb_nil_value();
  struct mrb_parser_state *p = parse_source(mrb, a, &cxt, &message);
  if (p == NULL) return message;
  struct RProc *proc = mrb_generate_code(mrb, p);
  mrb_parser_free(p);
  mrbc_context_free(mrb, cxt);
  if (proc == NULL) mrb_raise(mrb, E_SCRIPT_ERROR, "code generation failed");
  uint8_t *bin = NULL;
  size_t size = 0;
  uint8_t flags = a->debug ? MRB_DUMP_DEBUG_INFO : 0;
  if (mrb_dump_irep(mrb, proc->body.irep, flags, &bin, &size) != MRB_DUMP_OK)
    mrb_raise(mrb, E_SCRIPT_ERROR, "bytecode could not be written");
  mrb_value out = mrb_str_new(mrb, (const char *)bin, (mrb_int)size);
  mrb_free(mrb, bin);
  RSTRING(out)->flags |= KOBAKO_STR_BINARY;
  return out;
}

/* Source to RITE bytecode with mruby's own compiler; same statuses as
 * kobako_eval_source (0: *out is the binary String). */
int kobako_compile(mrb_state *mrb, const char *src, size_t len, const char *filename, int debug,
                   mrb_value *out, int *line) {
  struct eval_args a = {.src = src, .len = len, .filename = filename, .debug = debug};
  return protected_run(mrb, compile_body, &a, out, line);
}

static mrb_value bytecode_body(mrb_state *mrb, void *data) {
  struct eval_args *a = data;
  mrbc_context *cxt = mrbc_context_new(mrb);
  cxt->no_exec = TRUE; /* load only: a refused binary must not look like a raise */
  mrb_value proc = mrb_load_irep_buf_cxt(mrb, a->src, a->len, cxt);
  mrbc_context_free(mrb, cxt);
  if (mrb->exc || !mrb_proc_p(proc)) {
    a->load_failed = 1;
    return mrb_nil_value();
  }
  mrb_value v = mrb_top_run(mrb, mrb_proc_ptr(proc), mrb_top_self(mrb), 0);
  if (mrb->exc) mrb_exc_raise(mrb, mrb_obj_value(mrb->exc));
  return v;
}

/* Loads verified RITE bytecode and runs its top level. */
int kobako_run_bytecode(mrb_state *mrb, const uint8_t *bin, size_t len, mrb_value *out) {
  struct eval_args a = {.src = (const char *)bin, .len = len, .filename = ""};
  int status = protected_run(mrb, bytecode_body, &a, out, NULL);
  /* The top level ran on the base frame, which keeps its last pc: clear it,
   * or every later backtrace would show this finished snippet as a caller. */
  if (mrb->c->ci == mrb->c->cibase) mrb->c->ci->pc = NULL;
  return status;
}

static mrb_value entrypoint_body(mrb_state *mrb, void *data) {
  struct eval_args *a = data;
  mrb_iv_set(mrb, mrb_obj_value(mrb_module_get(mrb, "Kobako")), mrb_intern_lit(mrb, "@request"), *a->request);
  mrb_value v = mrb_top_run(mrb, runner, mrb_top_self(mrb), 0);
  if (mrb->exc) mrb_exc_raise(mrb, mrb_obj_value(mrb->exc));
  return v;
}

/* #run: request is [name, [args, kwargs]]; statuses as kobako_eval_source. */
int kobako_run_entrypoint(mrb_state *mrb, const mrb_value *request, mrb_value *out) {
  struct eval_args a = {.filename = "", .request = request};
  return protected_run(mrb, entrypoint_body, &a, out, NULL);
}

static mrb_value seed_body(mrb_state *mrb, void *data) {
  uint32_t seed = *(uint32_t *)data;
  struct RClass *random = mrb_class_get(mrb, "Random");
  return mrb_funcall(mrb, mrb_obj_value(random), "srand", 1, mrb_int_value(mrb, seed));
}

/* Seeds Random from WASI entropy at every invocation: a fixed stream under
 * :hermetic (reproducible), live entropy under :permissive. */
static uint32_t last_seed;

void kobako_seed_random(mrb_state *mrb) {
  uint32_t seed = 0;
  if (getentropy(&seed, sizeof seed) != 0) seed = 0;
  last_seed = seed;
  mrb_bool failed = FALSE;
  mrb_protect_error(mrb, seed_body, &seed, &failed);
  mrb->exc = NULL;
}

/* A word of Random's default state, read by re-seeding it with the last seed
 * (srand answers the word it replaces; the state is then as right after
 * kobako_seed_random). Two equal marks around some code mean it drew no
 * random numbers, short of a 1 in 2^32 coincidence (used by kobako_prepare);
 * -1 when the state could not be read. */
int64_t kobako_random_mark(mrb_state *mrb) {
  uint32_t seed = last_seed;
  mrb_bool failed = FALSE;
  mrb_value old = mrb_protect_error(mrb, seed_body, &seed, &failed);
  mrb->exc = NULL;
  return (!failed && mrb_integer_p(old)) ? (int64_t)(uint32_t)mrb_integer(old) : -1;
}

/* ---- exceptions ---------------------------------------------------------- */

struct exc_info {
  mrb_value exc;
  mrb_value *message;
  mrb_value *backtrace;
};

static mrb_value exc_message_body(mrb_state *mrb, void *data) {
  struct exc_info *i = data;
  mrb_value msg = mrb_funcall(mrb, i->exc, "message", 0);
  if (!mrb_string_p(msg)) msg = mrb_obj_as_string(mrb, msg);
  *i->message = msg;
  return msg;
}

static mrb_value exc_backtrace_body(mrb_state *mrb, void *data) {
  struct exc_info *i = data;
  mrb_value bt = mrb_funcall(mrb, i->exc, "backtrace", 0);
  *i->backtrace = mrb_array_p(bt) ? bt : mrb_ary_new(mrb);
  /* Returned, so mrb_protect_error keeps it on the GC arena: the empty Array
   * made for a non-Array backtrace is referenced from nowhere else. */
  return *i->backtrace;
}

/* Message and backtrace of an exception, each protected on its own: a
 * script may override #message or #backtrace to raise. Fields that could not
 * be read are left nil. */
void kobako_exception_info(mrb_state *mrb, const mrb_value *exc, mrb_value *message,
                           mrb_value *backtrace) {
  struct exc_info i = {*exc, message, backtrace};
  mrb_bool failed = FALSE;
  *message = mrb_nil_value();
  *backtrace = mrb_nil_value();
  mrb_protect_error(mrb, exc_message_body, &i, &failed);
  mrb_protect_error(mrb, exc_backtrace_body, &i, &failed);
  mrb->exc = NULL;
}

/* ---- reading values -------------------------------------------------------- */

int kobako_kind(const mrb_value *v) {
  switch (mrb_type(*v)) {
    case MRB_TT_FALSE: return mrb_nil_p(*v) ? KOBAKO_NIL : KOBAKO_FALSE;
    case MRB_TT_TRUE: return KOBAKO_TRUE;
    case MRB_TT_INTEGER: return KOBAKO_INTEGER;
    case MRB_TT_FLOAT: return KOBAKO_FLOAT;
    case MRB_TT_SYMBOL: return KOBAKO_SYMBOL;
    case MRB_TT_STRING: return KOBAKO_STRING;
    case MRB_TT_ARRAY: return KOBAKO_ARRAY;
    case MRB_TT_HASH: return KOBAKO_HASH;
    case MRB_TT_BIGINT: return KOBAKO_BIGINT;
    case MRB_TT_CDATA: return handle_p(v) ? KOBAKO_HANDLE : KOBAKO_OTHER;
    default: return KOBAKO_OTHER;
  }
}

int64_t kobako_integer(const mrb_value *v) { return (int64_t)mrb_integer(*v); }

double kobako_float(const mrb_value *v) { return (double)mrb_float(*v); }

const char *kobako_symbol_name(mrb_state *mrb, const mrb_value *v, size_t *len) {
  mrb_int n = 0;
  const char *name = mrb_sym_name_len(mrb, mrb_symbol(*v), &n);
  *len = (size_t)n;
  return name;
}

const char *kobako_string_bytes(const mrb_value *v, size_t *len, int *binary) {
  *len = (size_t)RSTRING_LEN(*v);
  *binary = (RSTRING(*v)->flags & KOBAKO_STR_BINARY) != 0;
  return RSTRING_PTR(*v);
}

size_t kobako_array_len(const mrb_value *v) { return (size_t)RARRAY_LEN(*v); }

void kobako_array_at(const mrb_value *v, size_t i, mrb_value *out) {
  *out = RARRAY_PTR(*v)[i];
}

size_t kobako_hash_size(mrb_state *mrb, const mrb_value *v) {
  return (size_t)mrb_hash_size(mrb, *v);
}

typedef int (*kobako_pair_fn)(const mrb_value *key, const mrb_value *val, void *data);

struct pair_walk {
  kobako_pair_fn fn;
  void *data;
};

static int pair_trampoline(mrb_state *mrb, mrb_value key, mrb_value val, void *p) {
  struct pair_walk *w = p;
  return w->fn(&key, &val, w->data);
}

/* Visits pairs in insertion order until fn returns non-zero. Allocates
 * nothing, so it cannot raise. */
void kobako_hash_each(mrb_state *mrb, const mrb_value *v, kobako_pair_fn fn, void *data) {
  struct pair_walk w = {fn, data};
  mrb_hash_foreach(mrb, mrb_hash_ptr(*v), pair_trampoline, &w);
}

const void *kobako_object_id(const mrb_value *v) { return mrb_ptr(*v); }

const char *kobako_class_name(mrb_state *mrb, const mrb_value *v) {
  return mrb_obj_classname(mrb, *v);
}

/* ---- building values (the decoder's sink) ---------------------------------- */

void kobako_new_nil(mrb_value *out) { *out = mrb_nil_value(); }
void kobako_new_bool(int b, mrb_value *out) { *out = mrb_bool_value(b != 0); }
void kobako_new_int(mrb_state *mrb, int64_t i, mrb_value *out) { *out = mrb_int_value(mrb, i); }
void kobako_new_float(mrb_state *mrb, double f, mrb_value *out) { *out = mrb_float_value(mrb, f); }

void kobako_new_string(mrb_state *mrb, const char *p, size_t len, int binary, mrb_value *out) {
  *out = mrb_str_new(mrb, p, (mrb_int)len);
  if (binary) RSTRING(*out)->flags |= KOBAKO_STR_BINARY;
}

void kobako_new_symbol(mrb_state *mrb, const char *p, size_t len, mrb_value *out) {
  *out = mrb_symbol_value(mrb_intern(mrb, p, len));
}

void kobako_new_array(mrb_state *mrb, size_t capa, mrb_value *out) {
  *out = mrb_ary_new_capa(mrb, (mrb_int)(capa < 1024 ? capa : 1024));
}

void kobako_array_push(mrb_state *mrb, const mrb_value *ary, const mrb_value *v) {
  mrb_ary_push(mrb, *ary, *v);
}

void kobako_new_hash(mrb_state *mrb, size_t capa, mrb_value *out) {
  *out = mrb_hash_new_capa(mrb, (mrb_int)(capa < 1024 ? capa : 1024));
}

void kobako_hash_set(mrb_state *mrb, const mrb_value *h, const mrb_value *k, const mrb_value *v) {
  /* Hash copies unfrozen String keys (dropping kobako's binary bit); Ruby
   * freezes String keys anyway, so freeze first and the key is kept as is. */
  if (mrb_string_p(*k)) RSTRING(*k)->flags |= MRB_FL_OBJ_IS_FROZEN;
  mrb_hash_set(mrb, *h, *k, *v);
}

struct funcall_args {
  mrb_value recv;
  const char *name;
  mrb_value arg;
};

static mrb_value funcall_body(mrb_state *mrb, void *data) {
  struct funcall_args *a = data;
  return mrb_funcall_argv(mrb, a->recv, mrb_intern_cstr(mrb, a->name), 1, &a->arg);
}

/* Kobako.<name>(arg) behind a protect; 0 when it returned *out, 1 when it
 * raised (*out is the exception). */
int kobako_call_kobako(mrb_state *mrb, const char *name, const mrb_value *arg, mrb_value *out) {
  struct funcall_args a = {mrb_obj_value(mrb_module_get(mrb, "Kobako")), name, *arg};
  mrb_bool failed = FALSE;
  *out = mrb_protect_error(mrb, funcall_body, &a, &failed);
  mrb->exc = NULL;
  return failed ? 1 : 0;
}

int kobako_gc_arena_save(mrb_state *mrb) { return mrb_gc_arena_save(mrb); }

void kobako_gc_arena_restore(mrb_state *mrb, int idx) { mrb_gc_arena_restore(mrb, idx); }

size_t kobako_value_size(void) { return sizeof(mrb_value); }

/* True when exc is the exception mruby raises when its allocator returns NULL
 * (the host refused to grow memory, even after a full GC): unrescued, the
 * guest then traps so the host reports its MemoryLimitError. */
int kobako_is_out_of_memory(mrb_state *mrb, const mrb_value *exc) {
  return mrb->nomem_err != NULL && mrb_obj_ptr(*exc) == (struct RObject *)mrb->nomem_err;
}
