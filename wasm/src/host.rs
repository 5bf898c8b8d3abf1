//! What the host hands the guest: the dispatch import (docs/wire.md,
//! "Services") and the buffers it fills, which the guest then owns. Like
//! exports.rs this trusts the host to keep the wire's contract: every buffer
//! it hands over came from `kobako_alloc` with its length and is handed over
//! once.

use crate::exports::layout;
use std::alloc::dealloc;

#[link(wasm_import_module = "env")]
extern "C" {
    fn __kobako_dispatch(ptr: i32, len: i32) -> i64;
}

/// Sends one Service request; the host's reply, or None when this sandbox
/// has no dispatcher (the import returned 0).
pub fn dispatch(request: &[u8]) -> Option<HostBuffer> {
    // SAFETY: the import only reads `request.len()` bytes at its address,
    // which stay borrowed for the call. wasm32 addresses and the 16 MiB
    // message cap fit an i32.
    let packed = unsafe { __kobako_dispatch(request.as_ptr() as i32, request.len() as i32) };
    if packed == 0 {
        return None;
    }
    // SAFETY: a non-zero reply is `(ptr << 32) | len` of a `kobako_alloc`
    // buffer the host filled and hands over (docs/wire.md).
    Some(unsafe { HostBuffer::adopt((packed >> 32) as i32, packed as i32) })
}

/// A buffer the host filled (it came from `kobako_alloc`), freed on drop.
pub struct HostBuffer {
    ptr: *mut u8,
    len: usize,
}

impl HostBuffer {
    /// Takes ownership of `len` bytes at `ptr`.
    ///
    /// # Safety
    /// `ptr` is 0, or a `kobako_alloc(len)` buffer the host filled with `len`
    /// initialized bytes and hands over now: nothing else reads, writes or
    /// frees it afterwards.
    pub unsafe fn adopt(ptr: i32, len: i32) -> HostBuffer {
        HostBuffer {
            ptr: ptr as u32 as usize as *mut u8,
            len: len as u32 as usize,
        }
    }

    pub fn bytes(&self) -> &[u8] {
        if self.ptr.is_null() {
            return &[];
        }
        // SAFETY: non-NULL, so per `adopt` it holds `len` initialized bytes
        // that this buffer alone owns until it drops.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl Drop for HostBuffer {
    fn drop(&mut self) {
        if let (false, Some(layout)) = (self.ptr.is_null(), layout(self.len)) {
            // SAFETY: per `adopt` the buffer came from `alloc` with this same
            // `layout(len)` (see `kobako_alloc`), and its only borrows, from
            // `bytes`, ended with `&self`.
            unsafe { dealloc(self.ptr, layout) };
        }
    }
}
