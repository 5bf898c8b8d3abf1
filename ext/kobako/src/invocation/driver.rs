//! Drives the guest future to completion on the calling Ruby thread.
//!
//! The guest runs on a wasmtime fiber; each poll runs it until it finishes,
//! suspends in the dispatch import, or yields. Between polls (GVL held, on
//! the thread's own stack) the pending Service request is answered by `serve`.
//!
//! Giving up the GVL costs ~15 µs per poll, more than a short script takes.
//! So with `release_gvl` the guest starts with the GVL held; once it has run
//! for its budget the watchdog makes it yield and later polls run without the
//! GVL, in parallel with other Ruby threads — until its next Service call,
//! after which it gets a fresh budget with the GVL held.

use std::cell::RefCell;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use crate::invocation::channel::{DispatchChannel, DispatcherFailed, ToGuest, ToHost};
use crate::invocation::gvl::{self, NoGvlError};
use crate::invocation::watchdog::Signals;

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

/// Answers what the guest asks of the host while it is suspended.
pub trait Host {
    /// One Service request; `pump` lets the dispatcher yield to the guest.
    fn serve(&self, request: Vec<u8>, pump: &Pump<'_>) -> Result<Vec<u8>, DispatcherFailed>;

    /// The Ruby error a failed `serve` kept, taken so that a yield can
    /// re-raise it (a `throw` or Thread#kill must keep unwinding).
    fn take_raised(&self) -> Option<magnus::Error>;
}

/// For a store without a dispatch channel (the ABI probe, the snippet
/// setup): the import answers 0 itself and `serve` is never asked.
pub struct NoHost;

impl Host for NoHost {
    fn serve(&self, _: Vec<u8>, _: &Pump<'_>) -> Result<Vec<u8>, DispatcherFailed> {
        Err(DispatcherFailed)
    }

    fn take_raised(&self) -> Option<magnus::Error> {
        None
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
        host: &dyn Host,
    ) -> Result<F::Output, Abort> {
        let mut output = None;
        let mut poll_once = || -> Result<bool, Abort> {
            if output.is_none() {
                self.poll(future.as_mut(), &mut output)?;
            }
            Ok(output.is_some())
        };
        Pump {
            driver: self,
            host,
            poll: RefCell::new(&mut poll_once),
        }
        .run_to_end()?;
        Ok(output.expect("pumped to the end"))
    }

    /// The GVL was just re-taken for a Service call or yield. A guest that
    /// calls the host often would otherwise pay a release and a re-take
    /// (~25 µs) per call, so it keeps the GVL for a fresh budget after each
    /// one; a guest that then computes on its own lets it go again.
    fn keep_gvl_after_call(&self) {
        if self.signals.release_gvl.swap(false, Ordering::SeqCst) {
            self.signals.rearm_gvl.store(true, Ordering::SeqCst);
        }
    }

    /// Polls once; a finished guest's output is stored in `output` before
    /// Ruby may raise at the GVL boundary (an interrupt), so that a later
    /// poll never resumes a completed future.
    fn poll<F: Future>(
        &self,
        future: Pin<&mut F>,
        output: &mut Option<F::Output>,
    ) -> Result<(), Abort> {
        // Only wasmtime itself wakes us, from inside the poll: its garbage
        // collector yields between phases (wake, then Pending) when the GC
        // heap of wasm exception objects fills, about every 1,365 raises.
        let woken = Arc::new(WokenFlag::default());
        let waker = Waker::from(woken.clone());
        let slot = &mut *output;
        let poll_once = move || {
            if let Poll::Ready(value) = future.poll(&mut Context::from_waker(&waker)) {
                *slot = Some(value);
            }
        };
        self.poll_with(poll_once)?;
        if output.is_none() && woken.0.load(Ordering::SeqCst) {
            self.signals.yielded.store(true, Ordering::SeqCst);
        }
        Ok(())
    }

    fn poll_with(&self, poll_once: impl FnOnce()) -> Result<(), Abort> {
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

/// Set when the future asks to be polled again (a cooperative yield).
#[derive(Default)]
struct WokenFlag(AtomicBool);

impl Wake for WokenFlag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Why a yield to the guest's block did not produce a reply.
pub enum YieldEnd {
    /// The guest stopped (trap, timeout…) while running the block.
    Finished,
    Aborted(Abort),
}

/// Polls one invocation's guest. Re-entrant: a dispatcher yielding to the
/// guest's block pumps the same guest from inside `Host::serve` (the outer
/// loop is not polling then; each poll borrows the future only briefly).
pub struct Pump<'a> {
    driver: &'a Driver<'a>,
    host: &'a dyn Host,
    poll: RefCell<&'a mut dyn FnMut() -> Result<bool, Abort>>,
}

impl Pump<'_> {
    /// Runs the guest until it has something for the host (`None`: it finished).
    fn next(&self) -> Result<Option<ToHost>, Abort> {
        loop {
            if (self.poll.borrow_mut())()? {
                return Ok(None);
            }
            if let Some(message) = self.driver.channel.and_then(DispatchChannel::take) {
                return Ok(Some(message));
            }
            // Otherwise only a yield to drop the GVL is expected.
            if !self.driver.signals.yielded.swap(false, Ordering::SeqCst) {
                return Err(Abort::Stalled);
            }
        }
    }

    fn serve(&self, request: Vec<u8>) {
        self.driver.keep_gvl_after_call();
        let answer = self.host.serve(request, self).map(ToGuest::Reply);
        if let Some(channel) = self.driver.channel {
            channel.answer(answer);
        }
    }

    fn run_to_end(&self) -> Result<(), Abort> {
        loop {
            match self.next()? {
                None => return Ok(()),
                Some(ToHost::Dispatch(request)) => self.serve(request),
                Some(ToHost::YieldDone(_)) => {
                    return Err(Abort::Panic("a block reply with no yield waiting".into()))
                }
            }
        }
    }

    /// See `Host::take_raised`.
    pub fn take_raised(&self) -> Option<magnus::Error> {
        self.host.take_raised()
    }

    /// Runs the block of the Service call being served with `request`
    /// (docs/wire.md, "Yield") and returns the guest's reply.
    pub fn yield_to_guest(&self, request: Vec<u8>) -> Result<Vec<u8>, YieldEnd> {
        let Some(channel) = self.driver.channel else {
            return Err(YieldEnd::Finished);
        };
        self.driver.keep_gvl_after_call();
        channel.answer(Ok(ToGuest::Yield(request)));
        loop {
            match self.next() {
                Ok(Some(ToHost::YieldDone(reply))) => return Ok(reply),
                // The block itself called a Service.
                Ok(Some(ToHost::Dispatch(request))) => self.serve(request),
                Ok(None) => return Err(YieldEnd::Finished),
                Err(abort) => return Err(YieldEnd::Aborted(abort)),
            }
        }
    }
}
