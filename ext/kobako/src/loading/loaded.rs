//! A guest artifact once it is compiled, linked and its ABI checked: what
//! every invocation of it instantiates from.

use wasmtime::InstancePre;

use crate::invocation::state::HostState;
use crate::loading::abi::ExportHandles;

/// A compiled, linked and ABI-checked guest.
pub struct Loaded {
    pub pre: InstancePre<HostState>,
    pub exports: ExportHandles,
    pub abi_version: i32,
}
