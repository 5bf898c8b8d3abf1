//! The guest's exports (docs/wire.md, ABI version 1).

use crate::interp;
use std::alloc::{alloc, dealloc, Layout};

pub const ABI_VERSION: i32 = 1;

#[no_mangle]
pub extern "C" fn kobako_abi_version() -> i32 {
    ABI_VERSION
}

pub fn layout(len: usize) -> Option<Layout> {
    Layout::from_size_align(len.max(1), 8).ok()
}

/// A buffer for the host to fill; 0 when out of memory.
#[no_mangle]
pub extern "C" fn kobako_alloc(len: i32) -> i32 {
    let Some(layout) = usize::try_from(len).ok().and_then(layout) else {
        return 0;
    };
    // SAFETY: `layout` has a non-zero size (`layout` rounds 0 up to 1) and a
    // valid alignment, which is all `alloc` asks; a NULL result reaches the
    // host as 0, "out of memory".
    unsafe { alloc(layout) as i32 }
}

/// Takes ownership of a frame written into a `kobako_alloc` buffer.
#[no_mangle]
pub extern "C" fn kobako_eval(ptr: i32, len: i32) -> i32 {
    with_frame(ptr, len, interp::eval)
}

fn with_frame(ptr: i32, len: i32, run: fn(&[u8])) -> i32 {
    let (Ok(len), false) = (usize::try_from(len), ptr == 0) else {
        return 1;
    };
    // SAFETY: the host calls this once per `kobako_alloc(len)` buffer it
    // filled (docs/wire.md): `ptr` is non-NULL (checked above), points at
    // `len` initialized bytes this module allocated, and nothing else holds
    // it until it is freed below.
    let frame = unsafe { std::slice::from_raw_parts(ptr as usize as *const u8, len) };
    run(frame);
    if let Some(layout) = layout(len) {
        // SAFETY: `ptr` came from `alloc` with this same `layout(len)` (see
        // `kobako_alloc`), and `frame`, its only borrow, is no longer used.
        unsafe { dealloc(ptr as usize as *mut u8, layout) };
    }
    0
}

/// Like `kobako_eval`, for a frame of Services and snippets only: sets them
/// up and leaves `{"ok" => snapshot-able?}` or the error outcome (see
/// `interp::prepare`). Optional for a host: one that never calls it replays
/// the snippets at every `kobako_eval`.
#[no_mangle]
pub extern "C" fn kobako_prepare(ptr: i32, len: i32) -> i32 {
    with_frame(ptr, len, interp::prepare)
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

extern "C" {
    fn kobako_c_output_area() -> u32;
}

/// Where the guest's output buffers are described (wasm/c/shim.c): the host
/// calls it once before the run and reads the buffers from memory after it.
#[no_mangle]
pub extern "C" fn kobako_output_area() -> i32 {
    unsafe { kobako_c_output_area() as i32 }
}
