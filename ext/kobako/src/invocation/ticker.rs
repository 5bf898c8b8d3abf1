//! The epoch ticker: one background thread that bumps the engine epoch every
//! `TICK` while at least one invocation that needs it is running, so each
//! such store's deadline callback gets to look at the clock.
//!
//! The thread parks when nothing needs it. It is started lazily, and again in
//! a forked child (fork copies no threads): the pid that started it is kept and
//! compared. Its state is atomics only, so a fork can never catch it holding a
//! lock the child would then wait on forever.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread::{self, Thread};
use std::time::Duration;
use wasmtime::Engine;

use crate::error::KobakoError;

/// How often the epoch advances: the granularity of timeouts and of the GVL
/// hand-off.
const TICK: Duration = Duration::from_millis(2);

/// Invocations currently relying on the ticker.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// The ticker of this process, by the pid that spawned it. Only touched with
/// the GVL held (so never mid-operation across a Ruby `fork`).
static TICKER: Mutex<Option<(u32, Thread)>> = Mutex::new(None);

/// Keeps the ticker running while alive.
pub struct TickerGuard(());

impl Drop for TickerGuard {
    fn drop(&mut self) {
        ACTIVE.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Registers one more invocation that needs ticks. Call with the GVL held.
pub fn acquire(engine: &'static Engine) -> Result<TickerGuard, KobakoError> {
    let mut ticker = TICKER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let pid = std::process::id();
    let thread = match ticker.as_ref() {
        Some((owner, thread)) if *owner == pid => thread.clone(),
        _ => {
            // First use, or a forked child whose ticker did not survive the
            // fork (and whose inherited count describes the parent's threads).
            ACTIVE.store(0, Ordering::Release);
            let thread = spawn(engine)?;
            *ticker = Some((pid, thread.clone()));
            thread
        }
    };
    if ACTIVE.fetch_add(1, Ordering::AcqRel) == 0 {
        thread.unpark();
    }
    Ok(TickerGuard(()))
}

fn spawn(engine: &'static Engine) -> Result<Thread, KobakoError> {
    let handle = thread::Builder::new()
        .name("kobako-epoch".into())
        .spawn(move || loop {
            if ACTIVE.load(Ordering::Acquire) == 0 {
                // A spurious or stale unpark only costs one extra loop.
                thread::park();
                continue;
            }
            thread::sleep(TICK);
            engine.increment_epoch();
        })
        .map_err(|e| KobakoError::Trap(format!("cannot start the epoch thread: {e}")))?;
    Ok(handle.thread().clone())
}
