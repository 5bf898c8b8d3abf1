//! A guest's linear memory after its Services were bound and its snippets
//! replayed, kept as the difference from a fresh instance's memory, so that
//! a later invocation can start from it instead of replaying (docs/snippets.md,
//! "Snapshot"). Nothing here knows the guest's memory layout: the difference
//! is found byte for byte, in blocks.
//!
//! A snapshot is taken in a throw-away instance before any script runs
//! (invocation/prepare.rs), and every invocation restores it into its own
//! fresh instance, so what a script does never reaches a later invocation.

use wasmtime::{Memory, Store};

use crate::invocation::state::HostState;

/// Granularity of the difference: smaller blocks copy fewer unchanged bytes
/// but make more, shorter runs. At 256 bytes the 64 helper snippets of the
/// benchmark leave ~340 KiB to write per invocation.
const BLOCK: usize = 256;
/// Bytes per wasm page.
const WASM_PAGE: usize = 64 << 10;

/// One span of memory that differs from the fresh instance's.
struct Run {
    /// Where it goes in guest memory.
    at: usize,
    /// Where its bytes start in `Snapshot::bytes`.
    from: usize,
    len: usize,
}

pub struct Snapshot {
    /// Memory size of a fresh instance (what the difference is against).
    base: usize,
    /// Memory size after the setup; at least `base`.
    size: usize,
    runs: Vec<Run>,
    bytes: Vec<u8>,
}

impl Snapshot {
    /// The difference between `fresh` (a fresh instance's memory) and `now`
    /// (the same instance's after the setup). Memory past `fresh` is compared
    /// with zeros, which is what growth gives.
    pub fn capture(fresh: &[u8], now: &[u8]) -> Snapshot {
        let mut snapshot = Snapshot {
            base: fresh.len(),
            size: now.len(),
            runs: Vec::new(),
            bytes: Vec::new(),
        };
        let zeros = [0u8; BLOCK];
        for at in (0..now.len()).step_by(BLOCK) {
            let block = &now[at..(at + BLOCK).min(now.len())];
            let before = match fresh.get(at..at + block.len()) {
                Some(before) => before,
                None if at < fresh.len() => &fresh[at..],
                None => &zeros[..block.len()],
            };
            if block != before {
                snapshot.push(at, block);
            }
        }
        snapshot
    }

    fn push(&mut self, at: usize, block: &[u8]) {
        match self.runs.last_mut() {
            Some(last) if last.at + last.len == at => last.len += block.len(),
            _ => self.runs.push(Run {
                at,
                from: self.bytes.len(),
                len: block.len(),
            }),
        }
        self.bytes.extend_from_slice(block);
    }

    /// Bytes it writes into each invocation.
    pub fn dirty_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Makes the fresh instance's `memory` what it was after the setup. The
    /// growth goes through the store's memory limiter, so it counts toward
    /// `memory_limit` and `memory_peak` as the replay's growth did.
    pub fn restore(&self, store: &mut Store<HostState>, memory: Memory) -> wasmtime::Result<()> {
        let current = memory.data_size(&*store);
        if current != self.base {
            return Err(crate::error::KobakoError::Trap(format!(
                "the snippet snapshot was taken of a {}-byte memory, this instance has {current}",
                self.base
            ))
            .into());
        }
        if self.size > current {
            memory.grow(&mut *store, ((self.size - current) / WASM_PAGE) as u64)?;
        }
        let data = memory.data_mut(&mut *store);
        for run in &self.runs {
            data[run.at..run.at + run.len]
                .copy_from_slice(&self.bytes[run.from..run.from + run.len]);
        }
        Ok(())
    }
}

/// Gives the pages of a memory that is about to be dropped back to the
/// kernel. Taking a snapshot reads every page of the instance, and a page
/// that was only read stays mapped in its pool slot across resets: every
/// later instance in that slot then paid for scanning those page-table
/// entries at its reset (PAGEMAP_SCAN, seen with perf; measured on a loaded
/// machine: a warm `eval("nil")` of another sandbox 135 µs → 300 µs, for
/// good, after one snapshot was taken). On Linux
/// `MADV_DONTNEED` restores the slot's original mapping, which is what
/// wasmtime itself does to reset memory past its keep-resident prefix
/// (wasmtime's `decommit_behavior`); elsewhere there is no page scan to
/// spare and nothing is done.
pub fn release(store: &mut Store<HostState>, memory: Memory) {
    #[cfg(target_os = "linux")]
    {
        let (ptr, len) = (memory.data_ptr(&*store), memory.data_size(&*store));
        // SAFETY: the range is exactly this memory's accessible bytes, which
        // nothing reads or writes again: the caller drops the store next, and
        // the pool resets the slot (a reset finds these pages already
        // restored).
        unsafe { libc::madvise(ptr.cast(), len, libc::MADV_DONTNEED) };
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (store, memory);
}

/// Swap switched on after the engine chose the dirty-page scan
/// (`engine::swap_appeared`): the scan would miss this guest's pages that get
/// swapped out, so they are all given back now, before the slot is reset,
/// and the reset finds nothing of this guest left (docs/native.md, "Slot
/// reset"). Costs the next instance its page faults; only on such hosts.
pub fn discard_if_swapping(store: &mut Store<HostState>) {
    if let Some(memory) = store.data().memory {
        if crate::loading::engine::swap_appeared() {
            release(store, memory);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_blocks_that_differ() {
        let fresh = vec![7u8; 4 * BLOCK];
        let mut now = fresh.clone();
        now[BLOCK + 3] = 1;
        now[2 * BLOCK] = 2;
        now.extend_from_slice(&[0u8; BLOCK]);
        now.extend_from_slice(&[5u8; BLOCK]);
        let snapshot = Snapshot::capture(&fresh, &now);
        assert_eq!(snapshot.size, 6 * BLOCK);
        // Blocks 1 and 2 join in one run; the grown zero block is skipped.
        let runs: Vec<(usize, usize)> = snapshot.runs.iter().map(|r| (r.at, r.len)).collect();
        assert_eq!(runs, [(BLOCK, 2 * BLOCK), (5 * BLOCK, BLOCK)]);
        assert_eq!(snapshot.dirty_bytes(), 3 * BLOCK);
    }

    #[test]
    fn an_unchanged_memory_has_no_runs() {
        let fresh = vec![3u8; 3 * BLOCK + 10];
        let snapshot = Snapshot::capture(&fresh, &fresh);
        assert!(snapshot.runs.is_empty());
    }
}
