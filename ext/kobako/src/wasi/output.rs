//! Bounded capture of the guest's stdout / stderr (WASI fd 1 and 2).
//!
//! wasmtime-wasi's `MemoryOutputPipe` traps once its capacity is reached; a
//! script that prints too much must instead lose the excess silently. This
//! stream keeps the first `limit` bytes, remembers that more was written, and
//! never reports an error to the guest.

use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};

use bytes::Bytes;
use wasmtime_wasi::cli::{IsTerminal, StdoutStream};
use wasmtime_wasi::p2::{OutputStream, Pollable, StreamResult};

/// Write permit handed to WASI: any size is accepted (and clipped).
const WRITE_PERMIT: usize = 1 << 20;

#[derive(Default)]
struct Buffer {
    bytes: Vec<u8>,
    truncated: bool,
}

/// One captured channel. Clones share the buffer: WASI holds one clone, the
/// invocation reads the result from another.
#[derive(Clone)]
pub struct CaptureStream {
    limit: Option<usize>,
    buffer: Arc<Mutex<Buffer>>,
}

impl CaptureStream {
    /// `limit`: bytes kept, or `None` for unbounded.
    pub fn new(limit: Option<usize>) -> Self {
        Self {
            limit,
            buffer: Arc::default(),
        }
    }

    /// What was kept, and whether more than that was written.
    pub fn take(&self) -> (Vec<u8>, bool) {
        let mut buffer = self.lock();
        (std::mem::take(&mut buffer.bytes), buffer.truncated)
    }

    fn lock(&self) -> MutexGuard<'_, Buffer> {
        self.buffer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps what fits under the limit; notes the rest as truncated.
    pub fn append(&self, bytes: &[u8]) {
        let mut buffer = self.lock();
        let room = match self.limit {
            Some(limit) => limit.saturating_sub(buffer.bytes.len()),
            None => usize::MAX,
        };
        let kept = bytes.len().min(room);
        buffer.bytes.extend_from_slice(&bytes[..kept]);
        if kept < bytes.len() {
            buffer.truncated = true;
        }
    }
}

impl IsTerminal for CaptureStream {
    fn is_terminal(&self) -> bool {
        false
    }
}

impl StdoutStream for CaptureStream {
    // WASIp1 writes through this one; overriding it avoids the default adapter,
    // which would spawn a tokio task per stream.
    fn p2_stream(&self) -> Box<dyn OutputStream> {
        Box::new(self.clone())
    }

    fn async_stream(&self) -> Box<dyn tokio::io::AsyncWrite + Send + Sync> {
        Box::new(self.clone())
    }
}

#[wasmtime_wasi::async_trait]
impl OutputStream for CaptureStream {
    fn write(&mut self, bytes: Bytes) -> StreamResult<()> {
        self.append(&bytes);
        Ok(())
    }

    fn flush(&mut self) -> StreamResult<()> {
        Ok(())
    }

    fn check_write(&mut self) -> StreamResult<usize> {
        Ok(WRITE_PERMIT)
    }
}

#[wasmtime_wasi::async_trait]
impl Pollable for CaptureStream {
    async fn ready(&mut self) {}
}

impl tokio::io::AsyncWrite for CaptureStream {
    fn poll_write(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.append(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests;
