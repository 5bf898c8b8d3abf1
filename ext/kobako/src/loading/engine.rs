//! The one `wasmtime::Engine` of the process. Every module, store and epoch
//! tick belongs to it, so compiled code is shared by all sandboxes.

use std::sync::OnceLock;
use wasmtime::{Config, Enabled, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

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
            // The pool reserves address space for every slot up front; where
            // that is refused (a tight `ulimit -v`), run without it.
            Engine::new(&pooled(config()))
                .or_else(|_| Engine::new(&config()))
                .map_err(|e| format!("cannot create the wasm engine: {e:#}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Instances that may be alive at once in the process: one per running
/// invocation (and per artifact probe). Slots cost address space only
/// (PROT_NONE reservations) until used.
pub const POOL_SLOTS: u32 = 512;
const HEADROOM: u32 = 16;
/// Dirty guest memory in the low 2 MiB (the baked interpreter and what a
/// typical script allocates) is reset in place, only the pages touched (found
/// with PAGEMAP_SCAN), so the next instance in the slot takes no page faults
/// there; pages above are unmapped, since copying back megabytes that a big
/// script dirtied costs more than re-faulting the few the next one touches.
/// Measured: 0 → every eval ~150 µs; 2 MiB → ~40 µs; 16 MiB → the same for
/// small scripts but up to 1.6× slower after a heavy one.
const KEEP_RESIDENT: usize = 2 << 20;

/// A fresh instance per invocation is the isolation guarantee; the pooling
/// allocator makes it cheap: memories, tables, stacks and GC heaps are
/// mapped once and recycled, and a slot is reset to the module's image
/// rather than re-mapped.
fn pooled(mut config: Config) -> Config {
    let mut pool = PoolingAllocationConfig::new();
    // Instances are the limit that binds: every other pool has headroom, so
    // the error a caller sees is always "too many guests" (guest.rs). Each
    // guest takes a memory slot for its linear memory and one for its GC heap
    // (exception objects), and a fiber stack per call into it, nested when a
    // Service yields back into the guest.
    pool.total_core_instances(POOL_SLOTS)
        .total_memories(2 * POOL_SLOTS + HEADROOM)
        .total_tables(POOL_SLOTS + HEADROOM)
        .total_stacks(2 * POOL_SLOTS + HEADROOM)
        .total_gc_heaps(POOL_SLOTS + HEADROOM)
        .max_memory_size(1 << 32)
        .linear_memory_keep_resident(KEEP_RESIDENT)
        .table_keep_resident(1 << 16)
        .pagemap_scan(Enabled::Auto);
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    config
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
