//! Loading a guest artifact: the process-wide engine, the compiled-module
//! cache (memory and disk), the ABI check, the linker, and the probe that
//! asks a freshly loaded module which ABI it speaks.

pub mod abi;
pub mod disk_cache;
pub mod engine;
pub mod linker;
pub mod loaded;
pub mod loader;
pub mod probe;
