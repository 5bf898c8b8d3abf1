//! The status numbers of docs/wire.md's replies for the guest's Rust: the
//! list is the extension's (ext/kobako/src/wire/status_table.rs, included
//! here), so the two crates cannot disagree. Its C twin is
//! wasm/c/wire_status.h (which also defines the mruby constants
//! `Kobako::Wire::*`); the C boot asks `kobako_rs_status_agrees` about every
//! name, so a guest whose C and Rust disagree fails to build, and
//! test/wire_statuses_test.rb compares the guest with the host.

use std::ffi::{c_char, c_int, CStr};

include!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ext/kobako/src/wire/status_table.rs"
));

/// 1 when this side knows `name` and gives it `value`; 0 otherwise.
#[no_mangle]
pub extern "C" fn kobako_rs_status_agrees(name: *const c_char, value: i64) -> c_int {
    if name.is_null() {
        return 0;
    }
    // SAFETY: the C caller (wire_status.h) passes string literals, which are
    // NUL-terminated and live for the whole program.
    let name = unsafe { CStr::from_ptr(name) };
    let known = name
        .to_str()
        .ok()
        .and_then(|name| ALL.iter().find(|(n, _)| *n == name));
    c_int::from(known.is_some_and(|(_, v)| *v == value))
}
