// The one list of the status numbers of docs/wire.md's replies and of the
// guest's block runs, shared by both Rust crates: the extension includes it
// from wire/status.rs, the guest from wasm/src/status.rs (include!, so it is
// one file with one name per status). Each includer defines nothing itself:
// this file brings `$NAME: i64` constants and `ALL`. Their twins in other
// languages are wasm/c/wire_status.h (checked against this list when the
// guest boots) and Kobako::Transport (checked by test/wire_statuses_test.rb).
// Adding a status is one line below and one in wire_status.h.
//
// BLOCK_* are not on the wire: they are what Kobako.__call_block (shim.c)
// hands the guest's prelude about one run of a block; the host exports them
// too, so the test can compare every name.

macro_rules! statuses {
    ($($name:ident = $value:expr,)*) => {
        $(#[allow(dead_code)] pub const $name: i64 = $value;)*
        /// Every status by name.
        pub const ALL: &[(&str, i64)] = &[$((stringify!($name), $value),)*];
    };
}

statuses! {
    REPLY_OK = 0,
    REPLY_ERROR = 1,
    REPLY_BROKE = 2,
    REPLY_BLOCK_RAISED = 3,
    YIELD_OK = 0,
    YIELD_BROKE = 1,
    YIELD_RAISED = 2,
    BLOCK_VALUE = 0,
    BLOCK_BROKE = 1,
    BLOCK_RAISED = 2,
    BLOCK_ESCAPED = 3,
}
