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
#include <mruby/variable.h>

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

/* ---- hot paths -------------------------------------------------------------
 * Literals in loops and `str =~ /re/` are what scripts do most; each Ruby-level
 * method call costs about a microsecond in the guest, so the common matching
 * entry points and the literal cache live here. They behave exactly like the
 * Ruby they replace (mrblib/regexp.rb documents the contract). */

static const char *class_word(mrb_state *mrb, mrb_value v) {
  if (mrb_nil_p(v)) return "nil";
  if (mrb_true_p(v)) return "true";
  if (mrb_false_p(v)) return "false";
  return mrb_obj_classname(mrb, v);
}

/* The String to match: Symbols by name; anything else but a String is a
 * TypeError (nil is handled by the callers). */
static mrb_value subject(mrb_state *mrb, mrb_value v) {
  if (mrb_string_p(v)) return v;
  if (mrb_symbol_p(v)) return mrb_sym_str(mrb, mrb_symbol(v));
  mrb_raisef(mrb, E_TYPE_ERROR, "no implicit conversion of %s into String", class_word(mrb, v));
  return v; /* not reached */
}

/* Byte offset of character position +pos+ (negative counts from the end), or
 * -1 when it lies outside the String. */
static mrb_int start_byte(mrb_value str, mrb_int pos) {
  mrb_int chars;
  const char *p, *s, *e;
  if (binary_p(str)) {
    chars = RSTRING_LEN(str);
  } else {
    chars = pos < 0 || pos > 0 ? mrb_utf8_strlen(RSTRING_PTR(str), RSTRING_LEN(str)) : 0;
  }
  if (pos < 0) pos += chars;
  if (pos < 0 || pos > chars) return -1;
  if (binary_p(str) || pos == 0) return pos;
  s = p = RSTRING_PTR(str);
  e = s + RSTRING_LEN(str);
  for (; pos > 0 && p < e; pos--) p += mrb_utf8len(p, e);
  return p - s;
}

static OnigRegex program_for(mrb_state *mrb, struct kobako_re *re, mrb_value str) {
  if (binary_p(str) && !re->noencoding) {
    if (!re->bytes) re->bytes = compile(mrb, re, ONIG_ENCODING_ASCII);
    return re->bytes;
  }
  return re->utf8;
}

/* Searches from byte +start+; leaves the result in shared_region. */
static mrb_bool search_from(mrb_state *mrb, struct kobako_re *re, mrb_value str, mrb_int start) {
  const OnigUChar *s = (const OnigUChar *)RSTRING_PTR(str);
  const OnigUChar *e = s + RSTRING_LEN(str);
  int code;
  onig_region_clear(shared_region);
  code = onig_search(program_for(mrb, re, str), s, e, s + start, e, shared_region, ONIG_OPTION_NONE);
  if (code == ONIG_MISMATCH) return FALSE;
  if (code < 0) raise_onig(mrb, code, NULL, NULL, 0);
  return TRUE;
}

static mrb_value region_offsets(mrb_state *mrb) {
  mrb_value out = mrb_ary_new_capa(mrb, shared_region->num_regs * 2);
  int i;
  for (i = 0; i < shared_region->num_regs; i++) {
    mrb_ary_push(mrb, out, mrb_int_value(mrb, shared_region->beg[i]));
    mrb_ary_push(mrb, out, mrb_int_value(mrb, shared_region->end[i]));
  }
  return out;
}

/* A MatchData for the result in shared_region (mrblib/match_data.rb). */
static mrb_value new_match_data(mrb_state *mrb, mrb_value re, mrb_value str) {
  struct RClass *klass = mrb_class_get(mrb, "MatchData");
  mrb_value md = mrb_obj_value(mrb_obj_alloc(mrb, MRB_TT_OBJECT, klass));
  mrb_iv_set(mrb, md, mrb_intern_lit(mrb, "@regexp"), re);
  mrb_iv_set(mrb, md, mrb_intern_lit(mrb, "@string"), str);
  mrb_iv_set(mrb, md, mrb_intern_lit(mrb, "@offsets"), region_offsets(mrb));
  return md;
}

static void set_last_match(mrb_state *mrb, mrb_value md) { mrb_gv_set(mrb, mrb_intern_lit(mrb, "$~"), md); }

/* Regexp#__match(str, pos): the MatchData or nil; sets $~. */
static mrb_value re_match_m(mrb_state *mrb, mrb_value self) {
  mrb_value str, md = mrb_nil_value();
  mrb_int pos = 0, start;
  struct kobako_re *re = get_re(mrb, self);
  mrb_get_args(mrb, "o|i", &str, &pos);
  if (!mrb_nil_p(str)) {
    str = subject(mrb, str);
    start = start_byte(str, pos);
    if (start >= 0 && search_from(mrb, re, str, start)) md = new_match_data(mrb, self, str);
  }
  set_last_match(mrb, md);
  return md;
}

/* Regexp#__match_bytes(str, byte): the MatchData of the first match at or
 * after byte offset +byte+, or nil; leaves $~ alone (the loops of scan, gsub
 * and split set it themselves). */
static mrb_value re_match_bytes(mrb_state *mrb, mrb_value self) {
  mrb_value str;
  mrb_int start;
  struct kobako_re *re = get_re(mrb, self);
  mrb_get_args(mrb, "Si", &str, &start);
  if (start < 0 || start > RSTRING_LEN(str) || !search_from(mrb, re, str, start)) return mrb_nil_value();
  return new_match_data(mrb, self, str);
}

/* Regexp#=~(str): character offset of the match or nil; sets $~. */
static mrb_value re_match_op(mrb_state *mrb, mrb_value self) {
  mrb_value str;
  struct kobako_re *re = get_re(mrb, self);
  mrb_get_args(mrb, "o", &str);
  if (mrb_nil_p(str)) {
    set_last_match(mrb, mrb_nil_value());
    return mrb_nil_value();
  }
  str = subject(mrb, str);
  if (!search_from(mrb, re, str, 0)) {
    set_last_match(mrb, mrb_nil_value());
    return mrb_nil_value();
  }
  set_last_match(mrb, new_match_data(mrb, self, str));
  if (binary_p(str)) return mrb_int_value(mrb, shared_region->beg[0]);
  return mrb_int_value(mrb, mrb_utf8_strlen(RSTRING_PTR(str), shared_region->beg[0]));
}

/* Regexp#===(obj): false for anything but a String or Symbol; sets $~. */
static mrb_value re_eqq(mrb_state *mrb, mrb_value self) {
  mrb_value obj, md = mrb_nil_value();
  struct kobako_re *re = get_re(mrb, self);
  mrb_get_args(mrb, "o", &obj);
  if (!mrb_string_p(obj) && !mrb_symbol_p(obj)) return mrb_false_value();
  obj = subject(mrb, obj);
  if (search_from(mrb, re, obj, 0)) md = new_match_data(mrb, self, obj);
  set_last_match(mrb, md);
  return mrb_bool_value(!mrb_nil_p(md));
}

/* Regexp#match?(str, pos = 0): leaves $~ alone. */
static mrb_value re_match_p(mrb_state *mrb, mrb_value self) {
  mrb_value str;
  mrb_int pos = 0, start;
  struct kobako_re *re = get_re(mrb, self);
  mrb_get_args(mrb, "o|i", &str, &pos);
  if (mrb_nil_p(str)) return mrb_false_value();
  str = subject(mrb, str);
  start = start_byte(str, pos);
  return mrb_bool_value(start >= 0 && search_from(mrb, re, str, start));
}

/* Bytes of the character at byte offset +at+ (1 on binary Strings). */
static mrb_int char_len_at(mrb_value str, mrb_int at) {
  const char *s = RSTRING_PTR(str);
  if (binary_p(str)) return 1;
  return mrb_utf8len(s + at, s + RSTRING_LEN(str));
}

/* Where the search after a match [b, e) starts: past an empty match by one
 * character, so the loop always advances (CRuby's rule). */
static mrb_int next_start(mrb_value str, mrb_int b, mrb_int e) {
  if (b != e) return e;
  return e + (e < RSTRING_LEN(str) ? char_len_at(str, e) : 1);
}

static mrb_value region_substr(mrb_state *mrb, mrb_value str, int group) {
  if (shared_region->beg[group] < 0) return mrb_nil_value();
  return mrb_str_new(mrb, RSTRING_PTR(str) + shared_region->beg[group],
                     shared_region->end[group] - shared_region->beg[group]);
}

/* $~ for the last of a loop's matches: the search that ended the loop
 * overwrote the region, so the last successful one runs again. */
static void set_last_from(mrb_state *mrb, mrb_value self, struct kobako_re *re, mrb_value str, mrb_int last) {
  mrb_value md = mrb_nil_value();
  if (last >= 0 && search_from(mrb, re, str, last)) md = new_match_data(mrb, self, str);
  set_last_match(mrb, md);
}

/* Regexp#__scan(str): String#scan without a block, whole loop in C. */
static mrb_value re_scan(mrb_state *mrb, mrb_value self) {
  mrb_value str, result, item;
  mrb_int start = 0, last = -1;
  struct kobako_re *re = get_re(mrb, self);
  int ai, i;
  mrb_get_args(mrb, "S", &str);
  result = mrb_ary_new(mrb);
  ai = mrb_gc_arena_save(mrb);
  while (start <= RSTRING_LEN(str) && search_from(mrb, re, str, start)) {
    if (shared_region->num_regs == 1) {
      item = region_substr(mrb, str, 0);
    } else {
      item = mrb_ary_new_capa(mrb, shared_region->num_regs - 1);
      for (i = 1; i < shared_region->num_regs; i++) mrb_ary_push(mrb, item, region_substr(mrb, str, i));
    }
    mrb_ary_push(mrb, result, item);
    mrb_gc_arena_restore(mrb, ai);
    last = start;
    start = next_start(str, shared_region->beg[0], shared_region->end[0]);
  }
  set_last_from(mrb, self, re, str, last);
  return result;
}

/* A String replacement with \0 \& \1..\9 \k<name> \` \' \\ filled in from
 * the match in shared_region; any other backslash pair stays as written. */
static void expand_into(mrb_state *mrb, mrb_value out, mrb_value repl, OnigRegex reg, mrb_value str) {
  const char *p = RSTRING_PTR(repl), *e = p + RSTRING_LEN(repl);
  const char *s = RSTRING_PTR(str);
  mrb_int len = RSTRING_LEN(str);
  while (p < e) {
    const char *bs = (const char *)memchr(p, '\\', (size_t)(e - p));
    int g;
    if (!bs || bs + 1 >= e) {
      mrb_str_cat(mrb, out, p, (size_t)(e - p));
      return;
    }
    mrb_str_cat(mrb, out, p, (size_t)(bs - p));
    p = bs + 2;
    switch (bs[1]) {
    case '0': case '&': g = 0; break;
    case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      g = bs[1] - '0';
      if (g >= shared_region->num_regs) continue;
      break;
    case '`': mrb_str_cat(mrb, out, s, (size_t)shared_region->beg[0]); continue;
    case '\'': mrb_str_cat(mrb, out, s + shared_region->end[0], (size_t)(len - shared_region->end[0])); continue;
    case '\\': mrb_str_cat(mrb, out, "\\", 1); continue;
    case 'k': {
      const char *close = p < e && *p == '<' ? (const char *)memchr(p, '>', (size_t)(e - p)) : NULL;
      if (close) {
        g = onig_name_to_backref_number(reg, (const OnigUChar *)p + 1, (const OnigUChar *)close, shared_region);
        if (g < 0) {
          mrb_raisef(mrb, E_INDEX_ERROR, "undefined group name reference: %v",
                     mrb_str_new(mrb, p + 1, close - p - 1));
        }
        p = close + 1;
        break;
      }
      mrb_str_cat(mrb, out, bs, 2);
      continue;
    }
    default: mrb_str_cat(mrb, out, bs, 2); continue;
    }
    if (shared_region->beg[g] >= 0) {
      mrb_str_cat(mrb, out, s + shared_region->beg[g], (size_t)(shared_region->end[g] - shared_region->beg[g]));
    }
  }
}

/* Regexp#__sub_str(str, replacement, global): sub/gsub with a String
 * replacement, whole loop in C; the new String or nil if nothing matched. */
static mrb_value re_sub_str(mrb_state *mrb, mrb_value self) {
  mrb_value str, repl, out = mrb_nil_value();
  mrb_bool global;
  mrb_int start = 0, copied = 0, last = -1, len;
  struct kobako_re *re = get_re(mrb, self);
  mrb_bool plain;
  mrb_get_args(mrb, "SSb", &str, &repl, &global);
  len = RSTRING_LEN(str);
  plain = memchr(RSTRING_PTR(repl), '\\', (size_t)RSTRING_LEN(repl)) == NULL;
  while (start <= len && search_from(mrb, re, str, start)) {
    mrb_int b = shared_region->beg[0], e = shared_region->end[0];
    if (mrb_nil_p(out)) out = mrb_str_new_capa(mrb, len);
    mrb_str_cat(mrb, out, RSTRING_PTR(str) + copied, (size_t)(b - copied));
    if (plain) mrb_str_cat_str(mrb, out, repl);
    else expand_into(mrb, out, repl, program_for(mrb, re, str), str);
    copied = e;
    last = start;
    if (!global) break;
    if (b == e) {
      mrb_int step;
      if (e >= len) break;
      step = char_len_at(str, e);
      mrb_str_cat(mrb, out, RSTRING_PTR(str) + e, (size_t)step);
      copied = start = e + step;
    } else {
      start = e;
    }
  }
  if (mrb_nil_p(out)) {
    set_last_match(mrb, mrb_nil_value());
    return out;
  }
  if (copied < len) mrb_str_cat(mrb, out, RSTRING_PTR(str) + copied, (size_t)(len - copied));
  if (binary_p(str)) RSTRING(out)->flags |= KOBAKO_STR_BINARY;
  set_last_from(mrb, self, re, str, last);
  return out;
}

/* Regexp.compile(source, flags, encoding) as mruby's compiler emits it for a
 * literal: one shared frozen Regexp per distinct literal, found in a
 * direct-mapped table of LITERAL_SLOTS entries (a collision just compiles
 * again), so a literal inside a loop compiles once. Other calls (an Integer
 * or true as options) are Regexp.new. */
#define LITERAL_SLOTS 512

static uint32_t fnv1a(const char *p, mrb_int len, uint32_t h) {
  mrb_int i;
  for (i = 0; i < len; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
  return h;
}

static mrb_value re_s_compile(mrb_state *mrb, mrb_value klass) {
  mrb_value source, flags = mrb_nil_value(), enc = mrb_nil_value(), table, slot, re;
  mrb_sym table_sym = mrb_intern_lit(mrb, "__kobako_literals");
  uint32_t h;
  mrb_int idx;
  mrb_get_args(mrb, "o|oo", &source, &flags, &enc);
  if (!mrb_string_p(source) || !(mrb_nil_p(flags) || mrb_string_p(flags)) ||
      !(mrb_nil_p(enc) || mrb_string_p(enc))) {
    mrb_value args[3] = {source, flags, enc};
    return mrb_funcall_argv(mrb, klass, mrb_intern_lit(mrb, "new"), mrb_get_argc(mrb) > 1 ? 2 : 1, args);
  }
  h = fnv1a(RSTRING_PTR(source), RSTRING_LEN(source), 2166136261u);
  if (mrb_string_p(flags)) h = fnv1a(RSTRING_PTR(flags), RSTRING_LEN(flags), h ^ 0x2f);
  if (mrb_string_p(enc)) h = fnv1a(RSTRING_PTR(enc), RSTRING_LEN(enc), h ^ 0x3f);
  idx = (mrb_int)(h % LITERAL_SLOTS) * 4;
  table = mrb_iv_get(mrb, klass, table_sym);
  if (!mrb_array_p(table)) {
    table = mrb_ary_new_capa(mrb, LITERAL_SLOTS * 4);
    mrb_iv_set(mrb, klass, table_sym, table);
  }
  slot = mrb_ary_ref(mrb, table, idx);
  if (mrb_string_p(slot) && mrb_str_equal(mrb, slot, source) &&
      mrb_equal(mrb, mrb_ary_ref(mrb, table, idx + 1), flags) &&
      mrb_equal(mrb, mrb_ary_ref(mrb, table, idx + 2), enc)) {
    return mrb_ary_ref(mrb, table, idx + 3);
  }
  re = mrb_funcall_id(mrb, klass, mrb_intern_lit(mrb, "__from_literal"), 3, source, flags, enc);
  mrb_ary_set(mrb, table, idx, mrb_str_dup(mrb, source));
  mrb_ary_set(mrb, table, idx + 1, flags);
  mrb_ary_set(mrb, table, idx + 2, enc);
  mrb_ary_set(mrb, table, idx + 3, re);
  return re;
}

static mrb_value re_search(mrb_state *mrb, mrb_value self) {
  mrb_value str;
  mrb_int start, range;
  mrb_bool anchored;
  struct kobako_re *re = get_re(mrb, self);
  OnigRegex reg;
  const OnigUChar *s, *e;
  int code;

  mrb_get_args(mrb, "Siib", &str, &start, &range, &anchored);
  reg = program_for(mrb, re, str);
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

  return region_offsets(mrb);
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
  mrb_define_method(mrb, re, "__match", re_match_m, MRB_ARGS_ARG(1, 1));
  mrb_define_method(mrb, re, "=~", re_match_op, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, re, "__scan", re_scan, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, re, "__sub_str", re_sub_str, MRB_ARGS_REQ(3));
  mrb_define_method(mrb, re, "__match_bytes", re_match_bytes, MRB_ARGS_REQ(2));
  mrb_define_method(mrb, re, "===", re_eqq, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, re, "match?", re_match_p, MRB_ARGS_ARG(1, 1));
  mrb_define_class_method(mrb, re, "compile", re_s_compile, MRB_ARGS_ARG(1, 2));
  mrb_define_method(mrb, re, "__names", re_names, MRB_ARGS_NONE());
  mrb_define_method(mrb, re, "__groups", re_groups, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, re, "__escape", re_escape, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, mrb->string_class, "__kobako_char_pos", str_char_pos, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, mrb->string_class, "__kobako_byte_pos", str_byte_pos, MRB_ARGS_REQ(1));
}

void mrb_kobako_regexp_gem_final(mrb_state *mrb) { (void)mrb; }
