# frozen_string_literal: true

# instance_variables (and inspect's @a=1, @b=2 list) in assignment order, as
# CRuby (docs/ruby.md, "Core fidelity"): mruby 3.2 keeps instance variables in
# an open-addressing hash and lists them in slot order, so @x, @y, @label
# come out as the hash spreads them. Each slot gets a sequence number (4 bytes
# beside its 4-byte key and 16-byte value) taken when its key is first put;
# rehash and copy carry the numbers over, and the two listings visit the
# live slots by number. Lookups, the GC's marking and every other walk are
# unchanged. The ordered walk is quadratic in the table's size and does not
# allocate; it re-reads the table each step because inspect may run a
# script's code that adds variables.
{
  file: "src/variable.c",
  edits: [
    # The table: the next sequence number; the numbers follow the keys.
    ["  int size, alloc;\n  mrb_value *ptr;\n} iv_tbl;\n",
     "  int size, alloc;\n  mrb_value *ptr;\n  uint32_t last;\n} iv_tbl;\n\n" \
     "#define IV_SEQS(t) ((uint32_t*)&((mrb_sym*)&(t)->ptr[(t)->alloc])[(t)->alloc])\n"],
    ["  t->size = 0;\n  t->alloc = 0;\n  t->ptr = NULL;\n\n  return t;",
     "  t->size = 0;\n  t->alloc = 0;\n  t->ptr = NULL;\n  t->last = 0;\n\n  return t;"],
    # iv_put(…) is iv_put_seq(…, 0): 0 takes the next number.
    ["static void iv_put(mrb_state *mrb, iv_tbl *t, mrb_sym sym, mrb_value val);\n",
     "static void iv_put_seq(mrb_state *mrb, iv_tbl *t, mrb_sym sym, mrb_value val, uint32_t seq);\n" \
     "#define iv_put(mrb, t, sym, val) iv_put_seq(mrb, t, sym, val, 0)\n"],
    ["mrb_calloc(mrb, sizeof(mrb_value)+sizeof(mrb_sym), new_alloc);",
     "mrb_calloc(mrb, sizeof(mrb_value)+sizeof(mrb_sym)+sizeof(uint32_t), new_alloc);"],
    ["  mrb_sym *keys = (mrb_sym*)&old_ptr[old_alloc];\n  mrb_value *vals = old_ptr;\n",
     "  mrb_sym *keys = (mrb_sym*)&old_ptr[old_alloc];\n  mrb_value *vals = old_ptr;\n" \
     "  uint32_t *old_seqs = (uint32_t*)&keys[old_alloc];\n"],
    ["      iv_put(mrb, t, keys[i], vals[i]);\n",
     "      iv_put_seq(mrb, t, keys[i], vals[i], old_seqs[i]);\n"],
    ["static void\niv_put(mrb_state *mrb, iv_tbl *t, mrb_sym sym, mrb_value val)\n{",
     "static void\niv_put_seq(mrb_state *mrb, iv_tbl *t, mrb_sym sym, mrb_value val, uint32_t seq)\n{"],
    ["      t->size++;\n      keys[pos] = sym;\n      vals[pos] = val;\n",
     "      t->size++;\n      keys[pos] = sym;\n      vals[pos] = val;\n" \
     "      IV_SEQS(t)[pos] = seq ? seq : ++t->last;\n"],
    ["        t->size++;\n        keys[dpos] = sym;\n        vals[dpos] = val;\n",
     "        t->size++;\n        keys[dpos] = sym;\n        vals[dpos] = val;\n" \
     "        IV_SEQS(t)[dpos] = seq ? seq : ++t->last;\n"],
    # iv_copy keeps the numbers.
    ["      iv_put(mrb, t2, keys[i], vals[i]);\n    }\n  }\n",
     "      iv_put_seq(mrb, t2, keys[i], vals[i], IV_SEQS(t)[i]);\n    }\n  }\n  t2->last = t->last;\n"],
    # The ordered walk, and its two users.
    ["/* Get the size of the instance variable table. */\n",
     <<~C + "/* Get the size of the instance variable table. */\n"],
       /* Iterates in the order the keys were first put (kobako). */
       static void
       iv_foreach_ordered(mrb_state *mrb, iv_tbl *t, mrb_iv_foreach_func *func, void *p)
       {
         uint32_t after = 0;

         if (t == NULL) return;
         for (;;) {
           if (t->alloc == 0 || t->size == 0) return;
           mrb_sym *keys = (mrb_sym*)&t->ptr[t->alloc];
           uint32_t *seqs = IV_SEQS(t);
           int best = -1;
           for (int i = 0; i < t->alloc; i++) {
             if (IV_KEY_P(keys[i]) && seqs[i] > after && (best < 0 || seqs[i] < seqs[best])) best = i;
           }
           if (best < 0) return;
           after = seqs[best];
           if ((*func)(mrb, keys[best], t->ptr[best], p) != 0) return;
         }
       }

     C
    ["    iv_foreach(mrb, t, inspect_i, &str);\n", "    iv_foreach_ordered(mrb, t, inspect_i, &str);\n"],
    ["    iv_foreach(mrb, mrb_obj_ptr(self)->iv, iv_i, &ary);\n",
     "    iv_foreach_ordered(mrb, mrb_obj_ptr(self)->iv, iv_i, &ary);\n"]
  ]
}
