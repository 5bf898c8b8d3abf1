//! What one invocation's `Store` carries, and the one constructor that
//! builds such a store, for invocations and for the ABI probe alike.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use wasmtime::{Engine, Memory, Store, TypedFunc};
use wasmtime_wasi::p1::WasiP1Ctx;

use crate::config::InvokeConfig;
use crate::invocation::channel::DispatchChannel;
use crate::invocation::guest_output::GuestOutput;
use crate::invocation::gvl::GVL_BUDGET;
use crate::invocation::limits::MemoryLimiter;
use crate::invocation::watchdog::{Signals, Watchdog};
use crate::wasi::output::CaptureStream;
use crate::wasi::profile::{self, Profile};

pub struct HostState {
    pub wasi: WasiP1Ctx,
    pub limiter: MemoryLimiter,
    pub watchdog: Watchdog,
    /// `None` when no dispatcher is bound: the import then answers 0.
    pub dispatch: Option<DispatchChannel>,
    /// Whether the guest called the dispatch import at all (prepare.rs).
    pub dispatched: bool,
    /// The guest's output buffers, once instantiated (guest_output.rs).
    pub output: Option<GuestOutput>,
    /// The streams those buffers drain into.
    pub streams: (CaptureStream, CaptureStream),
    /// The exports a Service call uses, looked up at its first (dispatch.rs).
    pub dispatch_exports: Option<DispatchExports>,
    /// The guest's linear memory, once instantiated (for `discard_if_swapping`).
    pub memory: Option<wasmtime::Memory>,
}

/// The guest exports a Service call needs (dispatch.rs). Looked up by name
/// once per invocation, at its first Service call, instead of two or three
/// lookups (and type checks) per call and per yield.
#[derive(Clone)]
pub struct DispatchExports {
    pub memory: Memory,
    pub alloc: TypedFunc<i32, i32>,
    /// Only a Service that yields needs it: looked up at the first yield.
    pub yield_block: Option<TypedFunc<(i32, i32), i64>>,
}

/// What a store is built from.
pub struct StoreSetup<'a> {
    pub profile: Profile,
    pub stdout: &'a CaptureStream,
    pub stderr: &'a CaptureStream,
    /// Bytes memory may grow past its size at entry; `None` for no cap.
    pub memory_limit: Option<u64>,
    /// Seconds from now; `None` for no deadline.
    pub timeout: Option<f64>,
    /// With `gvl: :release`, how long the guest keeps the GVL first.
    pub gvl_budget: Option<Duration>,
    pub signals: Arc<Signals>,
    /// `None` when no dispatcher is bound.
    pub dispatch: Option<DispatchChannel>,
    /// Raised when the guest reads a live clock; `None`: not watched.
    pub clock_read: Option<Arc<AtomicBool>>,
}

impl<'a> StoreSetup<'a> {
    /// A run under a Sandbox's own options (an invocation, or the setup run
    /// a snapshot is taken from): its memory cap, timeout and GVL budget; no
    /// dispatcher and no clock watch until the caller sets them.
    pub fn for_sandbox(
        config: &InvokeConfig,
        stdout: &'a CaptureStream,
        stderr: &'a CaptureStream,
        signals: Arc<Signals>,
    ) -> Self {
        StoreSetup {
            profile: config.profile,
            stdout,
            stderr,
            memory_limit: config.memory_limit,
            timeout: config.timeout,
            gvl_budget: config.release_gvl.then_some(GVL_BUDGET),
            signals,
            dispatch: None,
            clock_read: None,
        }
    }
}

/// A fresh store (B-49: one per invocation) with the caps wired in.
pub fn new_store(engine: &Engine, setup: StoreSetup<'_>) -> Store<HostState> {
    let state = HostState {
        wasi: profile::wasi_ctx(
            setup.profile,
            setup.stdout,
            setup.stderr,
            setup.clock_read.as_ref(),
        ),
        limiter: MemoryLimiter::new(setup.memory_limit),
        watchdog: Watchdog::start(setup.timeout, setup.gvl_budget, setup.signals),
        dispatch: setup.dispatch,
        dispatched: false,
        output: None,
        streams: (setup.stdout.clone(), setup.stderr.clone()),
        dispatch_exports: None,
        memory: None,
    };
    let mut store = Store::new(engine, state);
    store.limiter(|state| &mut state.limiter);
    // Consult the watchdog at every epoch tick.
    store.epoch_deadline_callback(|mut context| context.data_mut().watchdog.on_tick());
    store.set_epoch_deadline(1);
    store
}
