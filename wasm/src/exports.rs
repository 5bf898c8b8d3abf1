//! The guest's exports (docs/wire.md, ABI version 1).

use crate::host::HostBuffer;
use crate::{interp, service};
use std::alloc::{alloc, Layout};

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
    if ptr == 0 || len < 0 {
        return 1;
    }
    // SAFETY: the host calls this once per `kobako_alloc(len)` buffer it
    // filled (docs/wire.md) and does not touch it again: the frame is this
    // module's to read and free.
    let frame = unsafe { HostBuffer::adopt(ptr, len) };
    interp::eval(frame.bytes());
    0
}

/// Like `kobako_eval`, for a frame of Services and snippets only: sets them
/// up and leaves `{"ok" => snapshot-able?}` or the error outcome (see
/// `interp::prepare`). Optional for a host: one that never calls it replays
/// the snippets at every `kobako_eval`.
#[no_mangle]
pub extern "C" fn kobako_prepare(ptr: i32, len: i32) -> i32 {
    if ptr == 0 || len < 0 {
        return 1;
    }
    // SAFETY: as in `kobako_eval`: the host hands over a `kobako_alloc(len)`
    // buffer it filled and does not touch again.
    let frame = unsafe { HostBuffer::adopt(ptr, len) };
    interp::prepare(frame.bytes());
    0
}

#[no_mangle]
pub extern "C" fn kobako_outcome() -> i64 {
    interp::with_outcome(pack)
}

/// The host runs a guest block: `[block_id, args]` in a `kobako_alloc`
/// buffer, a reply out (`service::yield_block`). Returns `(ptr << 32) | len`
/// of the reply, valid until the next call into the guest.
#[no_mangle]
pub extern "C" fn kobako_yield(ptr: i32, len: i32) -> i64 {
    // SAFETY: as in `kobako_eval`: the host hands over a `kobako_alloc(len)`
    // buffer it filled with the request.
    let request = unsafe { HostBuffer::adopt(ptr, len) };
    let reply = service::yield_block(request.bytes());
    interp::keep_yield_reply(reply, pack)
}

/// `(ptr << 32) | len`: how the host is told where guest bytes lie.
fn pack(bytes: &[u8]) -> i64 {
    ((bytes.as_ptr() as usize as i64) << 32) | bytes.len() as i64
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
    // SAFETY: it only returns the address of a static C array.
    unsafe { kobako_c_output_area() as i32 }
}
