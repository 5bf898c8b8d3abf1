//! The guest buffers its stdout / stderr (wasm/c/shim.c) and writes them with
//! WASI fd_write only when a buffer fills; what is still pending is read here,
//! straight out of guest memory, with no call into the guest: after every run
//! (a trap included — after a timeout the guest cannot run any more) and
//! before every Service call and yield reply. See docs/native.md, "Output".
//!
//! Everything read is hostile: the descriptor's pointers and lengths are
//! clamped and bounds-checked like every guest region; a descriptor that does
//! not make sense loses that channel's pending bytes, never more.

use wasmtime::{AsContextMut, Memory};

use crate::wasi::output::CaptureStream;
use crate::wire;

/// One descriptor entry per channel (fd 1, fd 2): ptr, cap, len as u32 LE.
const ENTRY: u32 = 12;
/// The guest's buffers are 64 KiB; a claimed length past that is not honoured.
const MAX_PENDING: u32 = 64 << 10;

/// Where the descriptor lies, and the streams its channels feed.
#[derive(Clone)]
pub struct GuestOutput {
    memory: Memory,
    descriptor: u32,
    streams: [CaptureStream; 2],
}

impl GuestOutput {
    pub fn new(
        memory: Memory,
        descriptor: u32,
        stdout: CaptureStream,
        stderr: CaptureStream,
    ) -> Self {
        Self {
            memory,
            descriptor,
            streams: [stdout, stderr],
        }
    }

    /// Appends the guest's pending output to the capture streams and marks
    /// the guest's buffers empty.
    pub fn drain<T: 'static>(&self, mut ctx: impl AsContextMut<Data = T>) {
        let mut ctx = ctx.as_context_mut();
        for (index, stream) in self.streams.iter().enumerate() {
            let Some(entry) = self.descriptor.checked_add(ENTRY * index as u32) else {
                return;
            };
            let data = self.memory.data(&ctx);
            let Ok(raw) = wire::read_region(data, entry, ENTRY) else {
                return;
            };
            let field =
                |at: usize| u32::from_le_bytes(raw[at..at + 4].try_into().expect("4 bytes"));
            let (ptr, cap, len) = (field(0), field(4), field(8));
            let len = len.min(cap).min(MAX_PENDING);
            if len == 0 {
                continue;
            }
            if let Ok(bytes) = wire::read_region(data, ptr, len) {
                stream.append(bytes);
            }
            // `entry + 8` lies inside the region just read.
            let _ = self
                .memory
                .write(&mut ctx, (entry + 8) as usize, &0u32.to_le_bytes());
        }
    }
}
