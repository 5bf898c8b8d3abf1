//! The status numbers of docs/wire.md's replies, one name each, exported to
//! Ruby as `Kobako::Native::Wire::*`. Their twins are `Kobako::Transport`
//! (lib/kobako/transport.rb), wasm/src/status.rs and wasm/c/wire_status.h;
//! test/wire_statuses_test.rb checks that all of them agree. Adding a status
//! is one line in the list below.

use magnus::{prelude::*, Error, RModule};

macro_rules! statuses {
    ($($name:ident = $value:expr,)*) => {
        $(#[allow(dead_code)] pub const $name: i64 = $value;)*
        /// Every wire status by name.
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
}

/// Defines `Wire::<NAME>` under `native` for every status.
pub fn define(native: RModule) -> Result<(), Error> {
    let wire = native.define_module("Wire")?;
    for (name, value) in ALL {
        wire.const_set(*name, *value)?;
    }
    Ok(())
}
