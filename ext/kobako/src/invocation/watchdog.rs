//! The wall-clock deadline and the interrupt flag of one invocation, checked
//! at every epoch tick the guest reaches (and after each Service call); also
//! the moment a guest that started with the GVL held should let it go.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use wasmtime::UpdateDeadline;

use crate::error::KobakoError;

/// Flags shared between the store (guest side) and the driver (Ruby side).
#[derive(Default)]
pub struct Signals {
    /// Set by Ruby's unblocking function (Thread#kill, Thread#raise…).
    pub interrupt: AtomicBool,
    /// Set once the guest outran its GVL budget: from then on the driver
    /// polls it without the GVL.
    pub release_gvl: AtomicBool,
    /// One-shot: the guest yielded for that switch (a pending poll that is
    /// not a stall).
    pub yielded: AtomicBool,
    /// One-shot, set by the driver after it re-took the GVL for a Service
    /// call: the guest gets a fresh budget with the GVL held.
    pub rearm_gvl: AtomicBool,
}

pub struct Watchdog {
    timeout: Option<f64>,
    deadline: Option<Instant>,
    /// Until when the guest may keep the GVL (`None`: not limited here).
    hold_gvl_until: Option<Instant>,
    gvl_budget: Option<Duration>,
    signals: Arc<Signals>,
    /// Why the guest was stopped, kept because the trap that follows may
    /// carry the reason only in its error chain.
    tripped: Option<Trip>,
}

#[derive(Clone, Copy, Debug)]
pub enum Trip {
    Timeout,
    Interrupted,
}

impl Watchdog {
    /// Starts the clock now: the deadline runs from invocation entry.
    /// `gvl_budget`: how long the guest may run before yielding the GVL.
    pub fn start(
        timeout: Option<f64>,
        gvl_budget: Option<Duration>,
        signals: Arc<Signals>,
    ) -> Self {
        let now = Instant::now();
        let deadline =
            timeout.and_then(|seconds| now.checked_add(Duration::try_from_secs_f64(seconds).ok()?));
        let hold_gvl_until = gvl_budget.and_then(|budget| now.checked_add(budget));
        Self {
            timeout,
            deadline,
            hold_gvl_until,
            gvl_budget,
            signals,
            tripped: None,
        }
    }

    /// Epoch callback: keep going one more tick, yield (to drop the GVL), or
    /// stop the guest.
    pub fn on_tick(&mut self) -> wasmtime::Result<UpdateDeadline> {
        self.check().map_err(wasmtime::Error::new)?;
        if self.signals.rearm_gvl.swap(false, Ordering::SeqCst) {
            self.hold_gvl_until = self
                .gvl_budget
                .and_then(|budget| Instant::now().checked_add(budget));
        }
        if self
            .hold_gvl_until
            .is_some_and(|until| Instant::now() >= until)
        {
            self.hold_gvl_until = None;
            self.signals.release_gvl.store(true, Ordering::SeqCst);
            self.signals.yielded.store(true, Ordering::SeqCst);
            return Ok(UpdateDeadline::Yield(1));
        }
        Ok(UpdateDeadline::Continue(1))
    }

    /// Err when the guest must stop now.
    pub fn check(&mut self) -> Result<(), KobakoError> {
        if self.signals.interrupt.load(Ordering::SeqCst) {
            self.tripped = Some(Trip::Interrupted);
            return Err(KobakoError::Interrupted);
        }
        if self
            .deadline
            .is_some_and(|deadline| Instant::now() >= deadline)
        {
            self.tripped = Some(Trip::Timeout);
            return Err(self.timeout_error());
        }
        Ok(())
    }

    pub fn tripped(&self) -> Option<KobakoError> {
        self.tripped.map(|trip| match trip {
            Trip::Timeout => self.timeout_error(),
            Trip::Interrupted => KobakoError::Interrupted,
        })
    }

    fn timeout_error(&self) -> KobakoError {
        KobakoError::Timeout {
            seconds: self.timeout.unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests;
