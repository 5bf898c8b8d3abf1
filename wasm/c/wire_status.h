/* The status numbers of docs/wire.md's replies, with one name each, for the
 * guest's C and (through kobako_wire_status_init) its mruby side. Their twins:
 * ext/kobako/src/wire/status_table.rs (the Rust list, which both the
 * extension and the guest's Rust include) and Kobako::Transport
 * (lib/kobako/transport.rb); test/wire_statuses_test.rb checks that all of
 * them agree. Adding a status is one X(...) line here and one in the table.
 *
 * KOBAKO_BLOCK_STATUSES are not on the wire: they are what
 * Kobako.__call_block (shim.c) hands the prelude about one run of a block. */
#ifndef KOBAKO_WIRE_STATUS_H
#define KOBAKO_WIRE_STATUS_H

#include <mruby.h>
#include <mruby/variable.h>

#define KOBAKO_WIRE_STATUSES(X) \
  X(REPLY_OK, 0)                \
  X(REPLY_ERROR, 1)             \
  X(REPLY_BROKE, 2)             \
  X(REPLY_BLOCK_RAISED, 3)      \
  X(YIELD_OK, 0)                \
  X(YIELD_BROKE, 1)             \
  X(YIELD_RAISED, 2)

#define KOBAKO_BLOCK_STATUSES(X) \
  X(BLOCK_VALUE, 0)              \
  X(BLOCK_BROKE, 1)              \
  X(BLOCK_RAISED, 2)             \
  X(BLOCK_ESCAPED, 3)

#define KOBAKO_STATUS_ENUM(name, value) KOBAKO_##name = value,
enum { KOBAKO_WIRE_STATUSES(KOBAKO_STATUS_ENUM) KOBAKO_BLOCK_STATUSES(KOBAKO_STATUS_ENUM) };
#undef KOBAKO_STATUS_ENUM

/* wasm/src/status.rs: 1 when the guest's Rust gives `name` the same value. */
int kobako_rs_status_agrees(const char *name, int64_t value);

/* Defines Kobako::Wire::<NAME> for every status, before the prelude loads.
 * Returns 0 when the Rust side disagrees on any of them: the boot (at build
 * time, inside the pre-initializer) then fails, so a mismatch never ships. */
static inline int kobako_wire_status_init(mrb_state *mrb, struct RClass *kobako) {
  struct RClass *wire = mrb_define_module_under(mrb, kobako, "Wire");
  int agree = 1;
#define KOBAKO_STATUS_CONST(name, value)                                   \
  mrb_define_const(mrb, wire, #name, mrb_fixnum_value(KOBAKO_##name)); \
  agree &= kobako_rs_status_agrees(#name, KOBAKO_##name);
  KOBAKO_WIRE_STATUSES(KOBAKO_STATUS_CONST)
  KOBAKO_BLOCK_STATUSES(KOBAKO_STATUS_CONST)
#undef KOBAKO_STATUS_CONST
  return agree;
}

#endif
