//! The status numbers of docs/wire.md's replies, exported to Ruby as
//! `Kobako::Native::Wire::*`. The list itself is status_table.rs, which the
//! guest's Rust includes too; test/wire_statuses_test.rb checks that Ruby,
//! the extension and the guest agree.

use magnus::{prelude::*, Error, RModule};

include!("status_table.rs");

/// Defines `Wire::<NAME>` under `native` for every status.
pub fn define(native: RModule) -> Result<(), Error> {
    let wire = native.define_module("Wire")?;
    for (name, value) in ALL {
        wire.const_set(*name, *value)?;
    }
    Ok(())
}
