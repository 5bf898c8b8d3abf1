//! `Kobako::Native::Yielder`: handed to the dispatcher with each Service
//! request so the Service can run the guest's block. It is valid only while
//! that request is being served, and only on the invoking thread; afterwards
//! `call` raises `LocalJumpError`, like a block called after its method
//! returned.

use std::ffi::c_void;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::thread::{self, ThreadId};

use magnus::{Error, RString, Ruby};

use crate::error::KobakoError;
use crate::invocation::driver::{Abort, Pump, YieldEnd};

#[magnus::wrap(class = "Kobako::Native::Yielder", free_immediately, size)]
pub struct Yielder {
    /// A `*const Pump`, null once the request has been answered.
    pump: AtomicPtr<c_void>,
    thread: ThreadId,
}

impl Yielder {
    pub fn new(pump: &Pump<'_>) -> Yielder {
        Yielder {
            pump: AtomicPtr::new(pump as *const Pump<'_> as *mut c_void),
            thread: thread::current().id(),
        }
    }

    /// Called before the pump goes away; later calls raise.
    pub fn retire(&self) {
        self.pump.store(ptr::null_mut(), Ordering::SeqCst);
    }

    /// `yielder.call(request)` → the guest's reply (binary String).
    pub fn call(ruby: &Ruby, rb_self: &Self, request: RString) -> Result<RString, Error> {
        let pump = rb_self.pump.load(Ordering::SeqCst);
        if pump.is_null() {
            return Err(Error::new(
                ruby.exception_local_jump_error(),
                "the guest's block can no longer be called: its Service call has returned",
            ));
        }
        if thread::current().id() != rb_self.thread {
            return Err(Error::new(
                ruby.exception_thread_error(),
                "the guest's block can only be called on the thread running the sandbox",
            ));
        }
        // SAFETY: non-null only while the pump lives (see `retire`), and
        // only this thread reaches it.
        let pump = unsafe { &*(pump as *const Pump<'static>) };
        // SAFETY: copied before any other Ruby code can run.
        let request = unsafe { request.as_slice() }.to_vec();
        match pump.yield_to_guest(request) {
            Ok(reply) => Ok(ruby.str_from_slice(&reply)),
            Err(YieldEnd::Aborted(Abort::Ruby(error))) => Err(error),
            // A Service the block called failed on the host (Thread#kill,
            // a throw, an interrupt): that failure keeps unwinding, never a
            // substitute for it (replacing a pending jump corrupts the VM).
            Err(YieldEnd::Finished) => Err(pump.take_raised().unwrap_or_else(|| {
                KobakoError::Trap("the guest stopped while running a block".into()).into_raise(ruby)
            })),
            Err(YieldEnd::Aborted(_)) => Err(KobakoError::Trap(
                "the guest stopped while running a block".into(),
            )
            .into_raise(ruby)),
        }
    }
}
