//! A guest artifact once it is compiled, linked and its ABI checked: what
//! every invocation of it instantiates from.

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
}
