//! Drives the guest future to completion on the calling Ruby thread.
//!
//! The guest runs on a wasmtime fiber; each poll runs it until it finishes,
//! suspends in the dispatch import, or yields. Between polls (GVL held, on
//! the thread's own stack) the pending Service request is answered by `serve`.
//!
//! Giving up the GVL costs ~15 µs per poll, more than a short script takes.
//! So with `release_gvl` the guest starts with the GVL held; once it has run
//! for its budget the watchdog makes it yield and every later poll runs
//! without the GVL, in parallel with other Ruby threads.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll, Waker};

use crate::dispatch::{DispatchChannel, DispatcherFailed};
use crate::gvl::{self, NoGvlError};
use crate::watchdog::Signals;

/// Why the guest future was abandoned before it finished.
pub enum Abort {
    /// Ruby raised at the GVL boundary (Thread#kill, Thread#raise…): re-raise it.
    Ruby(magnus::Error),
    /// A panic in the host; reported as a TrapError.
    Panic(String),
    /// The guest waited on something that will never complete.
    Stalled,
}

impl From<NoGvlError> for Abort {
    fn from(error: NoGvlError) -> Self {
        match error {
            NoGvlError::Ruby(error) => Abort::Ruby(error),
            NoGvlError::Panic(message) => Abort::Panic(message),
        }
    }
}

pub struct Driver<'a> {
    pub signals: &'a Signals,
    pub channel: Option<&'a DispatchChannel>,
}

impl Driver<'_> {
    pub fn run<F: Future>(
        &self,
        mut future: Pin<&mut F>,
        mut serve: impl FnMut(Vec<u8>) -> Result<Vec<u8>, DispatcherFailed>,
    ) -> Result<F::Output, Abort> {
        loop {
            match self.poll(future.as_mut())? {
                Poll::Ready(output) => return Ok(output),
                Poll::Pending => {
                    if let Some(channel) = self.channel {
                        if let Some(request) = channel.take_request() {
                            channel.respond(serve(request));
                            continue;
                        }
                    }
                    // Otherwise only a yield to drop the GVL is expected.
                    if !self.signals.yielded.swap(false, Ordering::SeqCst) {
                        return Err(Abort::Stalled);
                    }
                }
            }
        }
    }

    fn poll<F: Future>(&self, future: Pin<&mut F>) -> Result<Poll<F::Output>, Abort> {
        // Nothing wakes us: every pending state is one the loop resolves.
        let poll_once = move || future.poll(&mut Context::from_waker(Waker::noop()));
        if self.signals.release_gvl.load(Ordering::SeqCst) {
            Ok(gvl::call_without_gvl(
                Some(&self.signals.interrupt),
                poll_once,
            )?)
        } else {
            catch_unwind(AssertUnwindSafe(poll_once))
                .map_err(|panic| Abort::Panic(gvl::panic_message(panic.as_ref())))
        }
    }
}
