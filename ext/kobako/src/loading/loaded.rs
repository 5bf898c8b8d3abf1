//! A guest artifact once it is compiled, linked and its ABI checked: what
//! every invocation of it instantiates from.

use std::sync::atomic::{AtomicU64, Ordering};

use wasmtime::InstancePre;

use crate::invocation::state::HostState;
use crate::loading::abi::ExportHandles;
use crate::loading::disk_cache;

/// A compiled, linked and ABI-checked guest.
pub struct Loaded {
    pub pre: InstancePre<HostState>,
    pub exports: ExportHandles,
    pub abi_version: i32,
    /// How the module was obtained, and how long that took (seconds).
    pub origin: disk_cache::Origin,
    pub seconds: f64,
    /// Unique in the process, never reused (what a shared snapshot is keyed
    /// on: an address could be reused by another module once this one is
    /// freed).
    pub id: u64,
}

/// The next `Loaded::id`.
pub fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
