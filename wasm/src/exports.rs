//! The guest's exports (docs/wire.md, ABI version 1).

use crate::interp;
use std::alloc::{alloc, dealloc, Layout};

pub const ABI_VERSION: i32 = 1;

#[link(wasm_import_module = "env")]
extern "C" {
    fn __kobako_dispatch(ptr: i32, len: i32) -> i64;
}

#[no_mangle]
pub extern "C" fn kobako_abi_version() -> i32 {
    ABI_VERSION
}

fn layout(len: usize) -> Option<Layout> {
    Layout::from_size_align(len.max(1), 8).ok()
}

/// A buffer for the host to fill; 0 when out of memory.
#[no_mangle]
pub extern "C" fn kobako_alloc(len: i32) -> i32 {
    let Some(layout) = usize::try_from(len).ok().and_then(layout) else {
        return 0;
    };
    unsafe { alloc(layout) as i32 }
}

/// Takes ownership of a frame written into a `kobako_alloc` buffer.
#[no_mangle]
pub extern "C" fn kobako_eval(ptr: i32, len: i32) -> i32 {
    let (Ok(len), false) = (usize::try_from(len), ptr == 0) else {
        return 1;
    };
    let frame = unsafe { std::slice::from_raw_parts(ptr as usize as *const u8, len) };
    interp::eval(frame);
    if let Some(layout) = layout(len) {
        unsafe { dealloc(ptr as usize as *mut u8, layout) };
    }
    0
}

#[no_mangle]
pub extern "C" fn kobako_outcome() -> i64 {
    let out = interp::outcome();
    ((out.as_ptr() as usize as i64) << 32) | out.len() as i64
}

/// Run once by the pre-initializer at build time; calls no imports.
#[no_mangle]
pub extern "C" fn kobako_init() {
    interp::boot();
}

/// Raw Service round trip for the C side (`Kobako.__dispatch`): hands the
/// request to the host import and returns the response buffer (owned by the
/// caller, released with `kobako_release`), or null when the host has no
/// dispatcher.
#[no_mangle]
pub extern "C" fn kobako_call_host(request: *const u8, len: usize, out_len: *mut usize) -> *mut u8 {
    let packed = unsafe { __kobako_dispatch(request as i32, len as i32) };
    let (ptr, resp_len) = ((packed >> 32) as u32 as usize, packed as u32 as usize);
    unsafe { *out_len = resp_len };
    ptr as *mut u8
}

#[no_mangle]
pub extern "C" fn kobako_release(ptr: *mut u8, len: usize) {
    if let (false, Some(layout)) = (ptr.is_null(), layout(len)) {
        unsafe { dealloc(ptr, layout) };
    }
}
