//! The memory cap: growth of the guest's linear memory past its size right
//! after instantiation (the baseline, snapshot included) is limited to
//! `memory_limit` bytes, and the high-water mark of that growth is reported
//! as `memory_peak`.
//!
//! The limiter is asked about every memory of the store, and wasmtime's GC
//! heap (where wasm exception objects live) is one. The two are told apart by
//! size: a request whose `current` is the linear memory's size grows the
//! linear memory; any other grows the GC heap, which has a fixed cap of its
//! own.

use wasmtime::ResourceLimiter;

use crate::error::KobakoError;

/// Bytes the GC heap may reach. mruby's exceptions are short-lived, so it
/// stays tiny; the cap only stops a runaway from eating host memory.
const MAX_GC_HEAP: usize = 64 << 20;

/// Elements a table may grow to. mruby never grows its function table; the
/// cap only stops a runaway `table.grow` from eating host memory.
const MAX_TABLE_ELEMENTS: usize = 1 << 16;

pub struct MemoryLimiter {
    limit: Option<u64>,
    /// Linear memory size at the end of instantiation; `None` before.
    baseline: Option<usize>,
    /// Linear memory size as last allowed (and the size before that, in case
    /// the growth then fails).
    linear: usize,
    linear_before: usize,
    peak: u64,
    exceeded: Option<KobakoError>,
}

impl MemoryLimiter {
    pub fn new(limit: Option<u64>) -> Self {
        Self {
            limit,
            baseline: None,
            linear: 0,
            linear_before: 0,
            peak: 0,
            exceeded: None,
        }
    }

    /// Called once the instance exists, with its linear memory's size.
    pub fn set_baseline(&mut self, size: usize) {
        self.baseline = Some(size);
        self.linear = size;
        self.linear_before = size;
    }

    /// Largest growth over the baseline that was allowed (never above the limit).
    pub fn peak(&self) -> u64 {
        self.peak
    }

    /// The refused growth, if any: the trap that followed is then a
    /// `MemoryLimitError` whatever the trap itself says.
    pub fn exceeded(&self) -> Option<&KobakoError> {
        self.exceeded.as_ref()
    }

    fn grow_linear(&mut self, baseline: usize, desired: usize) -> wasmtime::Result<bool> {
        let growth = desired.saturating_sub(baseline) as u64;
        if let Some(limit) = self.limit {
            if growth > limit {
                let error = KobakoError::MemoryLimit {
                    requested: growth,
                    limit,
                };
                self.exceeded = Some(error.clone());
                // An error (not `Ok(false)`) makes `memory.grow` trap, so the
                // guest cannot swallow the refusal as an ordinary OOM.
                return Err(wasmtime::Error::new(error));
            }
        }
        self.linear_before = self.linear;
        self.linear = desired;
        self.peak = self.peak.max(growth);
        Ok(true)
    }
}

impl ResourceLimiter for MemoryLimiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        match self.baseline {
            // Memories being created at their declared size.
            _ if current == 0 => Ok(true),
            Some(baseline) if current == self.linear => self.grow_linear(baseline, desired),
            _ => Ok(desired <= MAX_GC_HEAP),
        }
    }

    fn memory_grow_failed(&mut self, _error: wasmtime::Error) -> wasmtime::Result<()> {
        // The host could not back an allowed growth: `memory.grow` returns -1.
        self.linear = self.linear_before;
        Ok(())
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        // Creation at the declared size (from 0) is always allowed.
        Ok(current == 0 || desired <= MAX_TABLE_ELEMENTS)
    }

    // One module instance, with one linear memory, per store.
    fn instances(&self) -> usize {
        1
    }
}

#[cfg(test)]
mod tests;
