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

static ENGINE: OnceLock<Result<(Engine, Reset), String>> = OnceLock::new();

/// The process-wide engine, created on first use.
pub fn engine() -> Result<&'static Engine, String> {
    created().map(|(engine, _)| engine)
}

/// How the engine resets a recycled slot (`Kobako::Native.memory_reset`).
pub fn reset() -> Result<Reset, String> {
    created().map(|(_, reset)| *reset)
}

fn created() -> Result<&'static (Engine, Reset), String> {
    ENGINE
        .get_or_init(|| {
            let reset = Reset::choose(std::env::var("KOBAKO_PAGEMAP_SCAN").ok().as_deref())?;
            // The pool reserves address space for every slot up front; where
            // that is refused (a tight `ulimit -v`), run without it; then
            // every instance gets new mappings and nothing is recycled.
            match Engine::new(&pooled(config(), reset)) {
                Ok(engine) => Ok((engine, reset)),
                Err(_) => Engine::new(&config())
                    .map(|engine| (engine, Reset::Unpooled))
                    .map_err(|e| format!("cannot create the wasm engine: {e:#}")),
            }
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// What resets a slot's linear memory before the next instance gets it.
///
/// wasmtime 48's dirty-page scan (`PAGEMAP_SCAN`) asks the kernel for pages
/// that are written *and present*. A dirty page the kernel has swapped out is
/// neither, so it is neither reset nor unmapped, and the next guest in the
/// slot would read the previous guest's data when it faults back in (B-49;
/// upstream bytecodealliance/wasmtime#14357, open). So the scan is used only
/// where no page can be swapped: `/proc/swaps` lists no device. Elsewhere a
/// fixed prefix is rewritten from the image and the rest unmapped, which
/// resets swapped pages like any other (docs/native.md, "Slot reset").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reset {
    /// Only the dirty pages of the low `KEEP_RESIDENT` bytes are rewritten.
    DirtyPages,
    /// The low `KEEP_RESIDENT_BLIND` bytes are rewritten whether touched or
    /// not; `why` says what turned the scan off.
    Prefix { why: &'static str },
    /// No pool (address space refused): every instance is mapped afresh.
    Unpooled,
}

impl Reset {
    fn choose(setting: Option<&str>) -> Result<Self, String> {
        match setting {
            Some("off") => Ok(Reset::Prefix {
                why: "KOBAKO_PAGEMAP_SCAN=off",
            }),
            None | Some("") | Some("auto") => Ok(match swap_devices() {
                Some(0) => Reset::DirtyPages,
                Some(_) => Reset::Prefix {
                    why: "swap is enabled",
                },
                None => Reset::Prefix {
                    why: "/proc/swaps is unreadable",
                },
            }),
            Some(other) => Err(format!(
                "KOBAKO_PAGEMAP_SCAN must be \"auto\" or \"off\", not {other:?}"
            )),
        }
    }

    /// (mode, reason, bytes rewritten at most per reset) for Ruby.
    pub fn describe(self) -> (&'static str, &'static str, usize) {
        match self {
            Reset::DirtyPages => ("dirty_pages", "no swap device", KEEP_RESIDENT),
            Reset::Prefix { why } => ("prefix", why, KEEP_RESIDENT_BLIND),
            Reset::Unpooled => ("unpooled", "the instance pool could not be reserved", 0),
        }
    }
}

/// Whether this process chose the dirty-page scan and swap is on now (one
/// `sysinfo` call, 0.40 µs measured): swap switched on after the engine was
/// created.
/// Then every invocation gives its memory back before its slot is reset
/// (`snapshot::discard_if_swapping`), which resets swapped pages too.
pub fn swap_appeared() -> bool {
    if !matches!(reset(), Ok(Reset::DirtyPages)) {
        return false;
    }
    swap_in_use_now()
}

#[cfg(target_os = "linux")]
fn swap_in_use_now() -> bool {
    // SAFETY: `sysinfo` only fills the struct it is given.
    let mut info: libc::sysinfo = unsafe { std::mem::zeroed() };
    // SAFETY: `info` is a valid, writable `struct sysinfo`.
    let ok = unsafe { libc::sysinfo(&mut info) } == 0;
    // Unknown is treated as "on": the discard is always safe.
    !ok || info.totalswap > 0
}

#[cfg(not(target_os = "linux"))]
fn swap_in_use_now() -> bool {
    false
}

/// Swap devices listed in `/proc/swaps` (a header line, then one per device);
/// `None` when it cannot be read. Not Linux: no scan exists, so there is
/// nothing to turn off.
fn swap_devices() -> Option<usize> {
    if !cfg!(target_os = "linux") {
        return Some(0);
    }
    let text = std::fs::read_to_string("/proc/swaps").ok()?;
    let mut lines = text.lines();
    lines.next()?;
    Some(lines.filter(|line| !line.trim().is_empty()).count())
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
/// Without the scan every byte kept resident is rewritten on every reset,
/// touched or not. Measured (eval(nil) / 300 Strings / 20,000 Strings, two
/// rounds): 0 → 220 µs / 590–750 µs / 26–29 ms; 128 KiB and 512 KiB between;
/// 1 MiB → 185–195 µs / 625–650 µs / 24 ms; 2 MiB → 236 µs / 830 µs / 28 ms.
/// The scan itself gives 50 µs for eval(nil).
const KEEP_RESIDENT_BLIND: usize = 1 << 20;

/// A fresh instance per invocation is the isolation guarantee; the pooling
/// allocator makes it cheap: memories, tables, stacks and GC heaps are
/// mapped once and recycled, and a slot is reset to the module's image
/// rather than re-mapped.
fn pooled(mut config: Config, reset: Reset) -> Config {
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
        .table_keep_resident(1 << 16);
    match reset {
        Reset::DirtyPages => pool
            .linear_memory_keep_resident(KEEP_RESIDENT)
            .pagemap_scan(Enabled::Auto),
        _ => pool
            .linear_memory_keep_resident(KEEP_RESIDENT_BLIND)
            .pagemap_scan(Enabled::No),
    };
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

/// `Kobako::Native.memory_reset` => `[mode, reason, bytes]`: how recycled
/// slots are reset in this process (creates the engine if need be).
pub fn memory_reset(
    ruby: &magnus::Ruby,
) -> Result<(&'static str, &'static str, usize), magnus::Error> {
    reset()
        .map(Reset::describe)
        .map_err(|message| crate::error::KobakoError::Setup(message).into_raise(ruby))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_turns_the_scan_off_and_says_why() {
        assert_eq!(
            Reset::choose(Some("off")),
            Ok(Reset::Prefix {
                why: "KOBAKO_PAGEMAP_SCAN=off"
            })
        );
    }

    #[test]
    fn unknown_settings_are_refused() {
        for bad in ["on", "OFF", "1", "yes"] {
            assert!(Reset::choose(Some(bad)).is_err(), "{bad}");
        }
    }
}
