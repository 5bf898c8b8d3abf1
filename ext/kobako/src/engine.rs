//! The one `wasmtime::Engine` of the process. Every module, store and epoch
//! tick belongs to it, so compiled code is shared by all sandboxes.

use std::sync::OnceLock;
use wasmtime::{Config, Engine};

/// Wasm stack the guest may use. It runs on its own fiber stack
/// (`ASYNC_STACK_SIZE`), never on the Ruby thread's, so a Ruby thread with a
/// small machine stack cannot be overflowed by the guest.
const MAX_WASM_STACK: usize = 1 << 20;
/// Fiber stack: the wasm stack plus headroom for host functions (WASI, the
/// dispatch import) that run on it.
const ASYNC_STACK_SIZE: usize = 2 << 20;

static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();

/// The process-wide engine, created on first use.
pub fn engine() -> Result<&'static Engine, String> {
    ENGINE
        .get_or_init(|| {
            Engine::new(&config()).map_err(|e| format!("cannot create the wasm engine: {e:#}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn config() -> Config {
    let mut config = Config::new();
    // mruby's raise/rescue is setjmp/longjmp lowered to wasm exceptions.
    config.wasm_exceptions(true);
    // Timeouts and Thread#kill reach the guest as epoch interruptions.
    config.epoch_interruption(true);
    config.max_wasm_stack(MAX_WASM_STACK);
    // Trap messages name the trap, not guest-internal frames; skipping the
    // stack walk also makes traps cheaper.
    config.wasm_backtrace_max_frames(None);
    config.async_stack_size(ASYNC_STACK_SIZE);
    config
}
