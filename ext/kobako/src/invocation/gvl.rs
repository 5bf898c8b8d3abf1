//! Running Rust code without Ruby's GVL, so other Ruby threads (and other
//! guests) run in parallel.
//!
//! `rb_thread_call_without_gvl` checks for pending interrupts before and after
//! the call and may raise (longjmp) right there, so it is wrapped in
//! `rb_protect`: the Rust frames in between own nothing that needs dropping,
//! and the caught Ruby error comes back as a value. A panic is caught inside
//! the callback and never crosses the C frames.

use std::any::Any;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rb_sys::{rb_thread_call_without_gvl, Qnil};

use crate::loading::engine;

/// With `release_gvl`, how long the guest runs with the GVL held before it
/// gives it up (see driver.rs). Reached at the first epoch tick past it.
pub const GVL_BUDGET: Duration = Duration::from_millis(1);

/// Why a GVL-free call produced no result.
pub enum NoGvlError {
    /// Ruby raised on the way in or out (Thread#kill, Thread#raise, signal…).
    Ruby(magnus::Error),
    /// The callback panicked; the message is kept for the TrapError.
    Panic(String),
}

/// Runs `f` without the GVL. When Ruby wants the thread back (Thread#kill,
/// Thread#raise, Timeout) it sets `interrupt` and advances the engine epoch,
/// which makes a running guest stop at its next safepoint.
pub fn call_without_gvl<F: FnOnce() -> R, R>(
    interrupt: Option<&AtomicBool>,
    f: F,
) -> Result<R, NoGvlError> {
    struct Call<F, R> {
        f: Option<F>,
        result: Option<Result<R, Box<dyn Any + Send>>>,
    }

    /// # Safety
    /// `data` points at a live `Call<F, R>` no one else touches meanwhile.
    unsafe extern "C" fn trampoline<F: FnOnce() -> R, R>(data: *mut c_void) -> *mut c_void {
        // SAFETY: `data` is the `Call` below, alive for the whole call.
        let call = unsafe { &mut *(data as *mut Call<F, R>) };
        if let Some(f) = call.f.take() {
            call.result = Some(catch_unwind(AssertUnwindSafe(f)));
        }
        ptr::null_mut()
    }

    /// # Safety
    /// `data` points at an `AtomicBool` that outlives the call.
    unsafe extern "C" fn unblock(data: *mut c_void) {
        // SAFETY: `data` is the caller's flag, which outlives the call.
        let flag = unsafe { &*(data as *const AtomicBool) };
        flag.store(true, Ordering::SeqCst);
        if let Ok(engine) = engine::engine() {
            engine.increment_epoch();
        }
    }

    let mut call = Call {
        f: Some(f),
        result: None,
    };
    let data = &mut call as *mut Call<F, R> as *mut c_void;
    let (ubf, ubf_data): (rb_sys::rb_unblock_function_t, *mut c_void) = match interrupt {
        Some(flag) => (Some(unblock), flag as *const AtomicBool as *mut c_void),
        None => (None, ptr::null_mut()),
    };
    let protected = magnus::rb_sys::protect(|| {
        // SAFETY: the callbacks match the data pointers given with them.
        unsafe { rb_thread_call_without_gvl(Some(trampoline::<F, R>), data, ubf, ubf_data) };
        Qnil as rb_sys::VALUE
    });
    if let Err(error) = protected {
        return Err(NoGvlError::Ruby(error));
    }
    match call.result {
        Some(Ok(value)) => Ok(value),
        Some(Err(panic)) => Err(NoGvlError::Panic(panic_message(panic.as_ref()))),
        None => Err(NoGvlError::Panic("the GVL-free call did not run".into())),
    }
}

pub fn panic_message(panic: &(dyn Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        (*message).to_string()
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message.clone()
    } else {
        "unknown panic".to_string()
    }
}
