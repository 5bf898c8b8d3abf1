//! What one invocation's `Store` carries, and how such a store is set up.

use wasmtime::{Engine, Store};
use wasmtime_wasi::p1::WasiP1Ctx;

use crate::dispatch::DispatchChannel;
use crate::limits::MemoryLimiter;
use crate::watchdog::Watchdog;

pub struct HostState {
    pub wasi: WasiP1Ctx,
    pub limiter: MemoryLimiter,
    pub watchdog: Watchdog,
    /// `None` when no dispatcher is bound: the import then answers 0.
    pub dispatch: Option<DispatchChannel>,
}

/// A fresh store (B-49: one per invocation) with the caps wired in.
pub fn new_store(engine: &Engine, state: HostState) -> Store<HostState> {
    let mut store = Store::new(engine, state);
    store.limiter(|state| &mut state.limiter);
    // Consult the watchdog at every epoch tick.
    store.epoch_deadline_callback(|mut context| context.data_mut().watchdog.on_tick());
    store.set_epoch_deadline(1);
    store
}
