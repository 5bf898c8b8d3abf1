/* JSON parser and generator for the guest (docs/ruby.md, "JSON"), written
 * for kobako in C because scripts parse large Service results: the Ruby
 * layer (wasm/mrblib/json.rb) turns options into the plain arguments of
 * JSON.__parse and JSON.__generate below.
 *
 * Output follows CRuby 3.1's json 2.6 byte for byte: '"', '\\' and control
 * characters are escaped (\b \f \n \r \t, else \u00XX), '/' and non-ASCII
 * are not (unless escape_slash / ascii_only; json 2.6 has no script_safe);
 * Floats print as Float#to_s;
 * pretty output puts object_nl plus the indent even inside an empty {} or
 * [] as json 2.6 does. The parser takes what json 2.6 takes: any value at
 * the top, block and line comments as whitespace, NaN/Infinity only when
 * allowed. */

#include <math.h>
#include <string.h>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

int kobako_float_to_s(double f, char *buf, size_t buf_size);
double kobako_parse_float(const char *text, size_t len);

/* Bytes of the unparsed rest quoted in a ParserError message. */
#define KOBAKO_JSON_ERROR_CONTEXT 256

static struct RClass *json_error(mrb_state *mrb, const char *name) {
  return mrb_class_get_under(mrb, mrb_module_get(mrb, "JSON"), name);
}

/* ---- parser -------------------------------------------------------------- */

struct parser {
  const char *p, *end;
  mrb_bool symbolize, allow_nan;
  mrb_int max_nesting, depth;
};

static mrb_noreturn void unexpected(mrb_state *mrb, struct parser *ps) {
  size_t rest = (size_t)(ps->end - ps->p);
  if (rest > KOBAKO_JSON_ERROR_CONTEXT) rest = KOBAKO_JSON_ERROR_CONTEXT;
  mrb_value msg = mrb_str_new_lit(mrb, "unexpected token at '");
  mrb_str_cat(mrb, msg, ps->p, rest);
  mrb_str_cat_lit(mrb, msg, "'");
  mrb_exc_raise(mrb, mrb_exc_new_str(mrb, json_error(mrb, "ParserError"), msg));
}

static void skip_space(mrb_state *mrb, struct parser *ps) {
  while (ps->p < ps->end) {
    char c = *ps->p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ps->p++;
    } else if (c == '/' && ps->p + 1 < ps->end && ps->p[1] == '*') {
      const char *q = ps->p + 2;
      while (q + 1 < ps->end && !(q[0] == '*' && q[1] == '/')) q++;
      if (q + 1 >= ps->end) unexpected(mrb, ps);
      ps->p = q + 2;
    } else if (c == '/' && ps->p + 1 < ps->end && ps->p[1] == '/') {
      while (ps->p < ps->end && *ps->p != '\n') ps->p++;
    } else {
      return;
    }
  }
}

static mrb_bool take(struct parser *ps, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) return FALSE;
  ps->p += n;
  return TRUE;
}

static int hex4(const char *s) {
  int v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= c - '0';
    else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
    else return -1;
  }
  return v;
}

static void put_utf8(mrb_state *mrb, mrb_value out, unsigned long cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) { b[0] = (char)cp; n = 1; }
  else if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
  else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
  } else {
    b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
  }
  mrb_str_cat(mrb, out, b, n);
}

/* At the opening quote. */
static mrb_value parse_string(mrb_state *mrb, struct parser *ps) {
  const char *start = ps->p;
  const char *q = ++ps->p;
  /* Fast path: no escapes. */
  while (q < ps->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20) q++;
  if (q < ps->end && *q == '"') {
    ps->p = q + 1;
    return mrb_str_new(mrb, start + 1, (size_t)(q - start - 1));
  }
  mrb_value out = mrb_str_new(mrb, start + 1, (size_t)(q - start - 1));
  while (q < ps->end) {
    const char *run = q;
    while (q < ps->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20) q++;
    mrb_str_cat(mrb, out, run, (size_t)(q - run));
    if (q >= ps->end || (unsigned char)*q < 0x20) break;
    if (*q == '"') {
      ps->p = q + 1;
      return out;
    }
    if (q + 1 >= ps->end) break;
    char e = q[1];
    q += 2;
    switch (e) {
      case '"': mrb_str_cat_lit(mrb, out, "\""); break;
      case '\\': mrb_str_cat_lit(mrb, out, "\\"); break;
      case '/': mrb_str_cat_lit(mrb, out, "/"); break;
      case 'b': mrb_str_cat_lit(mrb, out, "\b"); break;
      case 'f': mrb_str_cat_lit(mrb, out, "\f"); break;
      case 'n': mrb_str_cat_lit(mrb, out, "\n"); break;
      case 'r': mrb_str_cat_lit(mrb, out, "\r"); break;
      case 't': mrb_str_cat_lit(mrb, out, "\t"); break;
      case 'u': {
        if (ps->end - q < 4) goto bad;
        int hi = hex4(q);
        if (hi < 0) goto bad;
        q += 4;
        unsigned long cp = (unsigned long)hi;
        if (hi >= 0xD800 && hi <= 0xDBFF && ps->end - q >= 6 && q[0] == '\\' && q[1] == 'u') {
          int lo = hex4(q + 2);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + (((unsigned long)hi - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
            q += 6;
          }
        }
        /* A lone surrogate cannot be UTF-8: json 2.6 writes it as is, invalid. */
        put_utf8(mrb, out, cp);
        break;
      }
      default:
        /* json 2.6 keeps an unknown escape's character. */
        mrb_str_cat(mrb, out, q - 1, 1);
        break;
    }
  }
bad:
  ps->p = start;
  unexpected(mrb, ps);
}

static mrb_value parse_number(mrb_state *mrb, struct parser *ps) {
  const char *s = ps->p, *q = ps->p;
  if (q < ps->end && *q == '-') q++;
  if (q >= ps->end) unexpected(mrb, ps);
  if (*q == '0') {
    q++;
    if (q < ps->end && *q >= '0' && *q <= '9') unexpected(mrb, ps);
  } else if (*q >= '1' && *q <= '9') {
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  } else {
    if (ps->allow_nan && take(&(struct parser){.p = q, .end = ps->end}, "Infinity")) {
      ps->p = q + 8;
      return mrb_float_value(mrb, -INFINITY);
    }
    unexpected(mrb, ps);
  }
  mrb_bool is_float = FALSE;
  if (q + 1 < ps->end && *q == '.' && q[1] >= '0' && q[1] <= '9') {
    is_float = TRUE;
    q++;
    while (q < ps->end && *q >= '0' && *q <= '9') q++;
  }
  if (q < ps->end && (*q == 'e' || *q == 'E')) {
    const char *e = q + 1;
    if (e < ps->end && (*e == '+' || *e == '-')) e++;
    if (e < ps->end && *e >= '0' && *e <= '9') {
      is_float = TRUE;
      while (e < ps->end && *e >= '0' && *e <= '9') e++;
      q = e;
    }
  }
  ps->p = q;
  size_t len = (size_t)(q - s);
  if (is_float) return mrb_float_value(mrb, kobako_parse_float(s, len));
  /* 18 digits always fit in 64 bits; longer ones go through mruby's bigint. */
  if (len <= 18) {
    mrb_int v = 0;
    const char *d = (*s == '-') ? s + 1 : s;
    for (; d < q; d++) v = v * 10 + (*d - '0');
    return mrb_int_value(mrb, *s == '-' ? -v : v);
  }
  /* Digits already checked; mruby refuses big ones when asked to check. */
  return mrb_str_to_integer(mrb, mrb_str_new(mrb, s, len), 10, FALSE);
}

static mrb_value parse_value(mrb_state *mrb, struct parser *ps);

static void enter(mrb_state *mrb, struct parser *ps) {
  ps->depth++;
  if (ps->max_nesting > 0 && ps->depth > ps->max_nesting) {
    mrb_raisef(mrb, json_error(mrb, "NestingError"), "nesting of %d is too deep", (mrb_int)ps->depth);
  }
}

/* Consumes `c` when it comes next; 1 when it did. */
static int take_char(struct parser *ps, char c) {
  if (ps->p < ps->end && *ps->p == c) {
    ps->p++;
    return 1;
  }
  return 0;
}

/* Right after a container's opening bracket: 1 when `close` follows at once
 * (consumed, the depth back). */
static int container_empty(mrb_state *mrb, struct parser *ps, char close) {
  skip_space(mrb, ps);
  if (!take_char(ps, close)) return 0;
  ps->depth--;
  return 1;
}

/* After one member: 0 when a ',' leads to the next member, 1 when `close`
 * ends the container (consumed, the depth back); anything else raises. */
static int container_ends(mrb_state *mrb, struct parser *ps, char close) {
  skip_space(mrb, ps);
  if (take_char(ps, ',')) {
    skip_space(mrb, ps);
    return 0;
  }
  if (!take_char(ps, close)) unexpected(mrb, ps);
  ps->depth--;
  return 1;
}

static mrb_value parse_array(mrb_state *mrb, struct parser *ps) {
  enter(mrb, ps);
  ps->p++;
  mrb_value ary = mrb_ary_new(mrb);
  if (container_empty(mrb, ps, ']')) return ary;
  do {
    int ai = mrb_gc_arena_save(mrb);
    mrb_ary_push(mrb, ary, parse_value(mrb, ps));
    mrb_gc_arena_restore(mrb, ai);
  } while (!container_ends(mrb, ps, ']'));
  return ary;
}

static mrb_value parse_object(mrb_state *mrb, struct parser *ps) {
  enter(mrb, ps);
  ps->p++;
  mrb_value hash = mrb_hash_new(mrb);
  if (container_empty(mrb, ps, '}')) return hash;
  do {
    int ai = mrb_gc_arena_save(mrb);
    if (ps->p >= ps->end || *ps->p != '"') unexpected(mrb, ps);
    mrb_value key = parse_string(mrb, ps);
    if (ps->symbolize) key = mrb_symbol_value(mrb_intern_str(mrb, key));
    skip_space(mrb, ps);
    if (!take_char(ps, ':')) unexpected(mrb, ps);
    skip_space(mrb, ps);
    mrb_value value = parse_value(mrb, ps);
    mrb_hash_set(mrb, hash, key, value);
    mrb_gc_arena_restore(mrb, ai);
  } while (!container_ends(mrb, ps, '}'));
  return hash;
}

static mrb_value parse_value(mrb_state *mrb, struct parser *ps) {
  if (ps->p >= ps->end) unexpected(mrb, ps);
  switch (*ps->p) {
    case '{': return parse_object(mrb, ps);
    case '[': return parse_array(mrb, ps);
    case '"': return parse_string(mrb, ps);
    case 'n': if (take(ps, "null")) return mrb_nil_value(); break;
    case 't': if (take(ps, "true")) return mrb_true_value(); break;
    case 'f': if (take(ps, "false")) return mrb_false_value(); break;
    case 'N': if (ps->allow_nan && take(ps, "NaN")) return mrb_float_value(mrb, NAN); break;
    case 'I': if (ps->allow_nan && take(ps, "Infinity")) return mrb_float_value(mrb, INFINITY); break;
    default:
      if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) return parse_number(mrb, ps);
  }
  unexpected(mrb, ps);
}

/* JSON.__parse(source, symbolize_names, max_nesting (0: none), allow_nan) */
static mrb_value json_parse(mrb_state *mrb, mrb_value self) {
  mrb_value src;
  mrb_bool symbolize, allow_nan;
  mrb_int max_nesting;
  mrb_get_args(mrb, "Sbib", &src, &symbolize, &max_nesting, &allow_nan);
  /* The source must stay alive and unmoved: parse a private copy. */
  src = mrb_str_dup(mrb, src);
  struct parser ps = {RSTRING_PTR(src), RSTRING_PTR(src) + RSTRING_LEN(src), symbolize, allow_nan, max_nesting, 0};
  skip_space(mrb, &ps);
  if (ps.p >= ps.end) {
    mrb_raise(mrb, json_error(mrb, "ParserError"), "unexpected end of input");
  }
  mrb_value value = parse_value(mrb, &ps);
  skip_space(mrb, &ps);
  if (ps.p < ps.end) unexpected(mrb, &ps);
  return value;
}

/* ---- generator ----------------------------------------------------------- */

struct gen {
  mrb_value out;
  mrb_value indent, space, space_before, object_nl, array_nl;
  mrb_bool allow_nan, ascii_only, escape_slash;
  mrb_int max_nesting, depth;
};

static mrb_noreturn void generator_error(mrb_state *mrb, const char *msg) {
  mrb_raise(mrb, json_error(mrb, "GeneratorError"), msg);
}

static void cat_str(mrb_state *mrb, struct gen *g, mrb_value s) {
  mrb_str_cat(mrb, g->out, RSTRING_PTR(s), (size_t)RSTRING_LEN(s));
}

static void put_indent(mrb_state *mrb, struct gen *g) {
  if (RSTRING_LEN(g->indent) == 0) return;
  for (mrb_int i = 0; i < g->depth; i++) cat_str(mrb, g, g->indent);
}

/* Length of the UTF-8 sequence at s (1..4) and its code point, or 0 when
 * it is malformed. */
static int utf8_decode(const unsigned char *s, const unsigned char *end, unsigned long *cp) {
  unsigned char c = s[0];
  int n;
  if (c < 0x80) { *cp = c; return 1; }
  if (c >= 0xC2 && c <= 0xDF) { n = 2; *cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; *cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; *cp = c & 0x07; }
  else return 0;
  if (end - s < n) return 0;
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (s[i] & 0x3F);
  }
  if ((n == 3 && *cp < 0x800) || (n == 4 && (*cp < 0x10000 || *cp > 0x10FFFF))) return 0;
  if (*cp >= 0xD800 && *cp <= 0xDFFF) return 0;
  return n;
}

static void put_u_escape(mrb_state *mrb, struct gen *g, unsigned long cp) {
  static const char hex[] = "0123456789abcdef";
  char b[6] = {'\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15], hex[cp & 15]};
  mrb_str_cat(mrb, g->out, b, 6);
}

static void gen_string(mrb_state *mrb, struct gen *g, const char *ptr, mrb_int len) {
  const unsigned char *s = (const unsigned char *)ptr, *end = s + len, *run = s;
  mrb_str_cat_lit(mrb, g->out, "\"");
  while (s < end) {
    unsigned char c = *s;
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80 && !(c == '/' && g->escape_slash)) {
      s++;
      continue;
    }
    mrb_str_cat(mrb, g->out, (const char *)run, (size_t)(s - run));
    if (c >= 0x80) {
      unsigned long cp;
      int n = utf8_decode(s, end, &cp);
      if (n == 0) generator_error(mrb, "source sequence is illegal/malformed utf-8");
      if (g->ascii_only) {
        if (cp >= 0x10000) {
          cp -= 0x10000;
          put_u_escape(mrb, g, 0xD800 + (cp >> 10));
          put_u_escape(mrb, g, 0xDC00 + (cp & 0x3FF));
        } else {
          put_u_escape(mrb, g, cp);
        }
      } else {
        mrb_str_cat(mrb, g->out, (const char *)s, (size_t)n);
      }
      s += n;
      run = s;
      continue;
    }
    switch (c) {
      case '"': mrb_str_cat_lit(mrb, g->out, "\\\""); break;
      case '\\': mrb_str_cat_lit(mrb, g->out, "\\\\"); break;
      case '/': mrb_str_cat_lit(mrb, g->out, "\\/"); break;
      case '\b': mrb_str_cat_lit(mrb, g->out, "\\b"); break;
      case '\f': mrb_str_cat_lit(mrb, g->out, "\\f"); break;
      case '\n': mrb_str_cat_lit(mrb, g->out, "\\n"); break;
      case '\r': mrb_str_cat_lit(mrb, g->out, "\\r"); break;
      case '\t': mrb_str_cat_lit(mrb, g->out, "\\t"); break;
      default: put_u_escape(mrb, g, c); break;
    }
    s++;
    run = s;
  }
  mrb_str_cat(mrb, g->out, (const char *)run, (size_t)(s - run));
  mrb_str_cat_lit(mrb, g->out, "\"");
}

static void gen_value(mrb_state *mrb, struct gen *g, mrb_value v);

static void enter_gen(mrb_state *mrb, struct gen *g) {
  g->depth++;
  if (g->max_nesting > 0 && g->depth > g->max_nesting) {
    /* json 2.6 reports the depth it had before entering. */
    mrb_raisef(mrb, json_error(mrb, "NestingError"), "nesting of %d is too deep", (mrb_int)(g->depth - 1));
  }
}

static void gen_array(mrb_state *mrb, struct gen *g, mrb_value ary) {
  enter_gen(mrb, g);
  mrb_str_cat_lit(mrb, g->out, "[");
  cat_str(mrb, g, g->array_nl);
  for (mrb_int i = 0; i < RARRAY_LEN(ary); i++) {
    if (i > 0) {
      mrb_str_cat_lit(mrb, g->out, ",");
      cat_str(mrb, g, g->array_nl);
    }
    put_indent(mrb, g);
    int ai = mrb_gc_arena_save(mrb);
    gen_value(mrb, g, RARRAY_PTR(ary)[i]);
    mrb_gc_arena_restore(mrb, ai);
  }
  g->depth--;
  cat_str(mrb, g, g->array_nl);
  put_indent(mrb, g);
  mrb_str_cat_lit(mrb, g->out, "]");
}

static void gen_key(mrb_state *mrb, struct gen *g, mrb_value key) {
  if (mrb_string_p(key)) {
    gen_string(mrb, g, RSTRING_PTR(key), RSTRING_LEN(key));
  } else if (mrb_symbol_p(key)) {
    mrb_int len;
    const char *name = mrb_sym_name_len(mrb, mrb_symbol(key), &len);
    gen_string(mrb, g, name, len);
  } else {
    mrb_value s = mrb_obj_as_string(mrb, key);
    gen_string(mrb, g, RSTRING_PTR(s), RSTRING_LEN(s));
  }
}

static void gen_object(mrb_state *mrb, struct gen *g, mrb_value hash) {
  enter_gen(mrb, g);
  mrb_str_cat_lit(mrb, g->out, "{");
  /* The keys first: a to_json called below may change the Hash. */
  mrb_value keys = mrb_hash_keys(mrb, hash);
  for (mrb_int i = 0; i < RARRAY_LEN(keys); i++) {
    if (i > 0) mrb_str_cat_lit(mrb, g->out, ",");
    cat_str(mrb, g, g->object_nl);
    put_indent(mrb, g);
    int ai = mrb_gc_arena_save(mrb);
    mrb_value key = RARRAY_PTR(keys)[i];
    gen_key(mrb, g, key);
    cat_str(mrb, g, g->space_before);
    mrb_str_cat_lit(mrb, g->out, ":");
    cat_str(mrb, g, g->space);
    gen_value(mrb, g, mrb_hash_get(mrb, hash, key));
    mrb_gc_arena_restore(mrb, ai);
  }
  g->depth--;
  cat_str(mrb, g, g->object_nl);
  put_indent(mrb, g);
  mrb_str_cat_lit(mrb, g->out, "}");
}

static void gen_float(mrb_state *mrb, struct gen *g, mrb_float f) {
  if (isnan(f) || isinf(f)) {
    if (!g->allow_nan) {
      char repr[32];
      kobako_float_to_s(f, repr, sizeof(repr));
      mrb_raisef(mrb, json_error(mrb, "GeneratorError"), "%s not allowed in JSON", repr);
    }
  }
  char repr[32];
  int len = kobako_float_to_s(f, repr, sizeof(repr));
  mrb_str_cat(mrb, g->out, repr, (size_t)len);
}

/* Objects of other classes: their own to_json if they define one (json
 * calls it with the generator state; kobako passes nil), else to_s as a
 * JSON string (json's Object#to_json). */
static void gen_other(mrb_state *mrb, struct gen *g, mrb_value v) {
  struct RClass *owner = mrb_class(mrb, v);
  mrb_sym to_json = mrb_intern_lit(mrb, "to_json");
  mrb_method_t m = mrb_method_search_vm(mrb, &owner, to_json);
  if (!MRB_METHOD_UNDEF_P(m) && owner != mrb->object_class && owner != mrb->kernel_module) {
    mrb_value state = mrb_nil_value();
    mrb_value s = mrb_funcall_argv(mrb, v, to_json, 1, &state);
    if (!mrb_string_p(s)) generator_error(mrb, "to_json must return a String");
    cat_str(mrb, g, s);
    return;
  }
  mrb_value s = mrb_obj_as_string(mrb, v);
  gen_string(mrb, g, RSTRING_PTR(s), RSTRING_LEN(s));
}

static void gen_value(mrb_state *mrb, struct gen *g, mrb_value v) {
  switch (mrb_type(v)) {
    case MRB_TT_FALSE:
      if (mrb_nil_p(v)) mrb_str_cat_lit(mrb, g->out, "null");
      else mrb_str_cat_lit(mrb, g->out, "false");
      return;
    case MRB_TT_TRUE: mrb_str_cat_lit(mrb, g->out, "true"); return;
    case MRB_TT_INTEGER: {
      /* 20 digits and a sign hold any 64-bit integer. */
      char b[21];
      int n = sizeof(b);
      mrb_int i = mrb_integer(v);
      unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i;
      do { b[--n] = (char)('0' + u % 10); u /= 10; } while (u > 0);
      if (i < 0) b[--n] = '-';
      mrb_str_cat(mrb, g->out, b + n, sizeof(b) - (size_t)n);
      return;
    }
    case MRB_TT_FLOAT: gen_float(mrb, g, mrb_float(v)); return;
    case MRB_TT_STRING: gen_string(mrb, g, RSTRING_PTR(v), RSTRING_LEN(v)); return;
    case MRB_TT_SYMBOL: gen_key(mrb, g, v); return;
    case MRB_TT_ARRAY:
      if (mrb_obj_class(mrb, v) == mrb->array_class) { gen_array(mrb, g, v); return; }
      break;
    case MRB_TT_HASH:
      if (mrb_obj_class(mrb, v) == mrb->hash_class) { gen_object(mrb, g, v); return; }
      break;
    case MRB_TT_BIGINT: cat_str(mrb, g, mrb_obj_as_string(mrb, v)); return;
    default: break;
  }
  /* Subclasses of Array/Hash fall back to the core form unless they define to_json. */
  struct RClass *owner = mrb_class(mrb, v);
  mrb_method_t m = mrb_method_search_vm(mrb, &owner, mrb_intern_lit(mrb, "to_json"));
  mrb_bool own = !MRB_METHOD_UNDEF_P(m) && owner != mrb->object_class && owner != mrb->kernel_module;
  if (!own && mrb_array_p(v)) gen_array(mrb, g, v);
  else if (!own && mrb_hash_p(v)) gen_object(mrb, g, v);
  else gen_other(mrb, g, v);
}

/* JSON.__generate(obj, indent, space, space_before, object_nl, array_nl,
 *                 allow_nan, max_nesting (0: none), ascii_only, escape_slash) */
static mrb_value json_generate(mrb_state *mrb, mrb_value self) {
  struct gen g;
  mrb_value obj;
  mrb_get_args(mrb, "oSSSSSbibb", &obj, &g.indent, &g.space, &g.space_before, &g.object_nl, &g.array_nl,
               &g.allow_nan, &g.max_nesting, &g.ascii_only, &g.escape_slash);
  g.depth = 0;
  g.out = mrb_str_new_capa(mrb, 64);
  gen_value(mrb, &g, obj);
  return g.out;
}

void kobako_json_init(mrb_state *mrb) {
  struct RClass *json = mrb_define_module(mrb, "JSON");
  mrb_define_module_function(mrb, json, "__parse", json_parse, MRB_ARGS_REQ(4));
  mrb_define_module_function(mrb, json, "__generate", json_generate, MRB_ARGS_REQ(10));
}
