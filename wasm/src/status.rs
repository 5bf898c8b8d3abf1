//! The status numbers of docs/wire.md's replies, one name each, for the
//! guest's Rust. Their twins are wasm/c/wire_status.h (C, and the mruby
//! constants `Kobako::Wire::*` it defines), ext/kobako/src/wire/status.rs and
//! `Kobako::Transport`; the C boot asks `kobako_rs_status_agrees` about every
//! name, so a guest whose C and Rust disagree fails to build, and
//! test/wire_statuses_test.rb compares the guest with the host. Adding a
//! status is one line in the list below.

use std::ffi::{c_char, c_int, CStr};

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
