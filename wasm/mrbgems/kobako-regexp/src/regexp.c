/* kobako's Regexp engine binding: compiles patterns with Oniguruma's Ruby
 * syntax and runs searches, nothing more. Everything Ruby-visible beyond that
 * (MatchData, $~, String#gsub, ...) is written in Ruby in ../mrblib, on top of
 * the few private primitives defined here (docs/regexp.md):
 *
 *   Regexp#__compile(source, options)      compile (RegexpError on failure)
 *   Regexp#__search(str, start, range, anchored)
 *                                          byte offsets [b0, e0, b1, e1, ...]
 *                                          (-1 for a group that took no part)
 *                                          or nil
 *   Regexp#__names                         [[name, [group, ...]], ...] in
 *                                          definition order
 *   Regexp#__groups                        number of capture groups
 *   Regexp.__escape(str)                   Regexp.escape
 *   String#__kobako_char_pos(byte)         character offset of a byte offset
 *   String#__kobako_byte_pos(char)         byte offset of a character offset
 *
 * A Regexp holds up to two compiled programs: one for UTF-8 Strings (where
 * `.` is one character) and, compiled on first use, one for binary Strings
 * (where `.` is one byte). Oniguruma allocates with the guest's malloc, so
 * memory_limit bounds it too; an allocation failure becomes NoMemoryError. */
#include <stdlib.h>
#include <string.h>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/data.h>
#include <mruby/internal.h>
#include <mruby/string.h>

#include <oniguruma.h>

/* Mirrors KOBAKO_STR_BINARY in wasm/c/shim.c: kobako's "binary" String bit. */
#define KOBAKO_STR_BINARY (1 << 11)

/* Ruby's option bits (Regexp::IGNORECASE, EXTENDED, MULTILINE) are
 * Oniguruma's; 32 is Regexp::NOENCODING (//n: always byte semantics). */
#define KOBAKO_RE_MASK (ONIG_OPTION_IGNORECASE | ONIG_OPTION_EXTEND | ONIG_OPTION_MULTILINE)
#define KOBAKO_RE_NOENCODING 32
/* In Ruby \w, \d, \s (and \b) are ASCII-only even on UTF-8 Strings, while
 * [[:alpha:]] and \p{...} are Unicode. Oniguruma's switches also make
 * [[:word:]], [[:digit:]], [[:space:]] ASCII-only (docs/regexp.md). */
#define KOBAKO_RE_ASCII_CLASSES (ONIG_OPTION_WORD_IS_ASCII | ONIG_OPTION_DIGIT_IS_ASCII | ONIG_OPTION_SPACE_IS_ASCII)

struct kobako_re {
  OnigRegex utf8;  /* for UTF-8 Strings */
  OnigRegex bytes; /* for binary Strings; compiled lazily */
  char *source;    /* kept to compile `bytes` later */
  mrb_int source_len;
  OnigOptionType options;
  int noencoding;
};

static void re_free(mrb_state *mrb, void *p) {
  struct kobako_re *re = (struct kobako_re *)p;
  if (!re) return;
  if (re->utf8) onig_free(re->utf8);
  if (re->bytes && re->bytes != re->utf8) onig_free(re->bytes);
  mrb_free(mrb, re->source);
  mrb_free(mrb, re);
}

static const struct mrb_data_type re_type = {"Regexp", re_free};

/* One region reused by every search: the guest is single-threaded and each
 * result is copied out into an Array before the next search. */
static OnigRegion *shared_region;

static struct RClass *regexp_error(mrb_state *mrb) { return mrb_class_get(mrb, "RegexpError"); }

static mrb_noreturn void raise_onig(mrb_state *mrb, int code, OnigErrorInfo *info, const char *src,
                                    mrb_int src_len) {
  OnigUChar buf[ONIG_MAX_ERROR_MESSAGE_LEN];
  if (code == ONIGERR_MEMORY) mrb_exc_raise(mrb, mrb_obj_value(mrb->nomem_err));
  onig_error_code_to_str(buf, code, info);
  /* The one common message where Oniguruma's wording differs from CRuby's. */
  if (code == ONIGERR_END_PATTERN_AT_ESCAPE) strcpy((char *)buf, "too short escape sequence");
  if (src) {
    /* CRuby's form: "<message>: /<source>/" */
    mrb_raisef(mrb, regexp_error(mrb), "%s: /%v/", (const char *)buf, mrb_str_new(mrb, src, src_len));
  }
  mrb_raise(mrb, regexp_error(mrb), (const char *)buf);
}

static OnigRegex compile(mrb_state *mrb, struct kobako_re *re, OnigEncoding enc) {
  OnigRegex reg = NULL;
  OnigErrorInfo info;
  const OnigUChar *p = (const OnigUChar *)re->source;
  int code = onig_new(&reg, p, p + re->source_len, re->options | KOBAKO_RE_ASCII_CLASSES, enc, ONIG_SYNTAX_RUBY,
                      &info);
  if (code != ONIG_NORMAL) raise_onig(mrb, code, &info, re->source, re->source_len);
  return reg;
}

static struct kobako_re *get_re(mrb_state *mrb, mrb_value self) {
  struct kobako_re *re = (struct kobako_re *)mrb_data_check_get_ptr(mrb, self, &re_type);
  if (!re || !re->utf8) mrb_raise(mrb, E_TYPE_ERROR, "uninitialized Regexp");
  return re;
}

static mrb_value re_compile(mrb_state *mrb, mrb_value self) {
  const char *src;
  mrb_int len, opts;
  struct kobako_re *re;
  mrb_get_args(mrb, "si", &src, &len, &opts);
  if (DATA_PTR(self)) mrb_raise(mrb, E_TYPE_ERROR, "already initialized Regexp");
  re = (struct kobako_re *)mrb_calloc(mrb, 1, sizeof(*re));
  mrb_data_init(self, re, &re_type);
  re->source = (char *)mrb_malloc(mrb, len + 1);
  memcpy(re->source, src, len);
  re->source[len] = '\0';
  re->source_len = len;
  re->options = (OnigOptionType)(opts & KOBAKO_RE_MASK);
  re->noencoding = (opts & KOBAKO_RE_NOENCODING) != 0;
  if (re->noencoding) {
    re->bytes = compile(mrb, re, ONIG_ENCODING_ASCII);
    re->utf8 = re->bytes;
  } else {
    re->utf8 = compile(mrb, re, ONIG_ENCODING_UTF8);
  }
  return self;
}

static mrb_bool binary_p(mrb_value str) { return (RSTRING(str)->flags & KOBAKO_STR_BINARY) != 0; }

static mrb_value re_search(mrb_state *mrb, mrb_value self) {
  mrb_value str;
  mrb_int start, range;
  mrb_bool anchored;
  struct kobako_re *re = get_re(mrb, self);
  OnigRegex reg;
  const OnigUChar *s, *e;
  int code, i;
  mrb_value out;

  mrb_get_args(mrb, "Siib", &str, &start, &range, &anchored);
  if (binary_p(str) && !re->noencoding) {
    if (!re->bytes) re->bytes = compile(mrb, re, ONIG_ENCODING_ASCII);
    reg = re->bytes;
  } else {
    reg = re->utf8;
  }
  s = (const OnigUChar *)RSTRING_PTR(str);
  e = s + RSTRING_LEN(str);
  if (start < 0 || start > RSTRING_LEN(str) || range < 0 || range > RSTRING_LEN(str)) return mrb_nil_value();

  onig_region_clear(shared_region);
  if (anchored) {
    code = onig_match(reg, s, e, s + start, shared_region, ONIG_OPTION_NONE);
  } else {
    code = onig_search(reg, s, e, s + start, s + range, shared_region, ONIG_OPTION_NONE);
  }
  if (code == ONIG_MISMATCH) return mrb_nil_value();
  if (code < 0) raise_onig(mrb, code, NULL, NULL, 0);

  out = mrb_ary_new_capa(mrb, shared_region->num_regs * 2);
  for (i = 0; i < shared_region->num_regs; i++) {
    mrb_ary_push(mrb, out, mrb_int_value(mrb, shared_region->beg[i]));
    mrb_ary_push(mrb, out, mrb_int_value(mrb, shared_region->end[i]));
  }
  return out;
}

struct names_acc {
  mrb_state *mrb;
  mrb_value list;
};

static int collect_name(const OnigUChar *name, const OnigUChar *name_end, int n, int *groups, OnigRegex reg,
                        void *arg) {
  struct names_acc *acc = (struct names_acc *)arg;
  mrb_state *mrb = acc->mrb;
  mrb_value nums = mrb_ary_new_capa(mrb, n);
  mrb_value pair;
  int i;
  (void)reg;
  for (i = 0; i < n; i++) mrb_ary_push(mrb, nums, mrb_fixnum_value(groups[i]));
  pair = mrb_assoc_new(mrb, mrb_str_new(mrb, (const char *)name, name_end - name), nums);
  mrb_ary_push(mrb, acc->list, pair);
  return 0;
}

static mrb_int first_group(mrb_value pair) {
  mrb_value nums = RARRAY_PTR(pair)[1];
  return RARRAY_LEN(nums) ? mrb_integer(RARRAY_PTR(nums)[0]) : 0;
}

/* Oniguruma keeps names in a hash table; CRuby lists them in the order they
 * are defined, which is the order of their first group. */
static mrb_value re_names(mrb_state *mrb, mrb_value self) {
  struct kobako_re *re = get_re(mrb, self);
  struct names_acc acc = {mrb, mrb_ary_new(mrb)};
  mrb_int i, j, n;
  mrb_value *v;
  onig_foreach_name(re->utf8, collect_name, &acc);
  n = RARRAY_LEN(acc.list);
  v = RARRAY_PTR(acc.list);
  for (i = 1; i < n; i++) { /* insertion sort: a handful of names */
    mrb_value x = v[i];
    for (j = i; j > 0 && first_group(v[j - 1]) > first_group(x); j--) v[j] = v[j - 1];
    v[j] = x;
  }
  return acc.list;
}

static mrb_value re_groups(mrb_state *mrb, mrb_value self) {
  return mrb_fixnum_value(onig_number_of_captures(get_re(mrb, self)->utf8));
}

static mrb_value re_escape(mrb_state *mrb, mrb_value self) {
  const char *p, *e;
  mrb_int len;
  mrb_value out;
  (void)self;
  mrb_get_args(mrb, "s", &p, &len);
  out = mrb_str_new_capa(mrb, len);
  for (e = p + len; p < e; p++) {
    const char *rep = NULL;
    switch (*p) {
    case '\n': rep = "\\n"; break;
    case '\t': rep = "\\t"; break;
    case '\r': rep = "\\r"; break;
    case '\f': rep = "\\f"; break;
    case '\v': rep = "\\v"; break;
    case ' ': rep = "\\ "; break;
    case '[': case ']': case '{': case '}': case '(': case ')': case '|': case '-':
    case '*': case '.': case '\\': case '?': case '+': case '^': case '$': case '#':
      mrb_str_cat(mrb, out, "\\", 1);
      break;
    default: break;
    }
    if (rep) mrb_str_cat_cstr(mrb, out, rep);
    else mrb_str_cat(mrb, out, p, 1);
  }
  return out;
}

static mrb_value str_char_pos(mrb_state *mrb, mrb_value self) {
  mrb_int byte;
  mrb_get_args(mrb, "i", &byte);
  if (byte < 0) byte = 0;
  if (byte > RSTRING_LEN(self)) byte = RSTRING_LEN(self);
  if (binary_p(self)) return mrb_int_value(mrb, byte);
  return mrb_int_value(mrb, mrb_utf8_strlen(RSTRING_PTR(self), byte));
}

static mrb_value str_byte_pos(mrb_state *mrb, mrb_value self) {
  mrb_int chars, i;
  const char *p, *s, *e;
  mrb_get_args(mrb, "i", &chars);
  s = p = RSTRING_PTR(self);
  e = s + RSTRING_LEN(self);
  if (binary_p(self)) return mrb_int_value(mrb, chars > RSTRING_LEN(self) ? RSTRING_LEN(self) : chars);
  for (i = 0; i < chars && p < e; i++) p += mrb_utf8len(p, e);
  return mrb_int_value(mrb, p - s);
}

void mrb_kobako_regexp_gem_init(mrb_state *mrb) {
  struct RClass *re;
  OnigEncoding encs[] = {ONIG_ENCODING_UTF8, ONIG_ENCODING_ASCII};

  onig_initialize(encs, sizeof(encs) / sizeof(encs[0]));
  /* No retry cap: like CRuby 3.1, a catastrophic pattern runs until the
   * invocation's timeout stops it (docs/regexp.md). */
  onig_set_retry_limit_in_match(0);
  onig_set_retry_limit_in_search(0);
  if (!shared_region) shared_region = onig_region_new();

  mrb_define_class(mrb, "RegexpError", mrb->eStandardError_class);
  re = mrb_define_class(mrb, "Regexp", mrb->object_class);
  MRB_SET_INSTANCE_TT(re, MRB_TT_CDATA);
  mrb_define_const(mrb, re, "IGNORECASE", mrb_fixnum_value(ONIG_OPTION_IGNORECASE));
  mrb_define_const(mrb, re, "EXTENDED", mrb_fixnum_value(ONIG_OPTION_EXTEND));
  mrb_define_const(mrb, re, "MULTILINE", mrb_fixnum_value(ONIG_OPTION_MULTILINE));
  mrb_define_const(mrb, re, "FIXEDENCODING", mrb_fixnum_value(16));
  mrb_define_const(mrb, re, "NOENCODING", mrb_fixnum_value(KOBAKO_RE_NOENCODING));
  mrb_define_method(mrb, re, "__compile", re_compile, MRB_ARGS_REQ(2));
  mrb_define_method(mrb, re, "__search", re_search, MRB_ARGS_REQ(4));
  mrb_define_method(mrb, re, "__names", re_names, MRB_ARGS_NONE());
  mrb_define_method(mrb, re, "__groups", re_groups, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, re, "__escape", re_escape, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, mrb->string_class, "__kobako_char_pos", str_char_pos, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, mrb->string_class, "__kobako_byte_pos", str_byte_pos, MRB_ARGS_REQ(1));
}

void mrb_kobako_regexp_gem_final(mrb_state *mrb) { (void)mrb; }
