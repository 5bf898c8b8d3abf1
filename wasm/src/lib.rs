//! The kobako guest: mruby compiled to wasm32-wasip1 plus its side of the
//! wire. Exports and imports are documented in docs/wire.md.
//!
//! `unsafe` is denied crate-wide and allowed only in the FFI layer, the
//! modules marked below: mruby (the one safe layer over the C side), interp
//! (the instance's global state), exports and host (the wasm boundary),
//! float_fmt and status (functions C calls). Each of their `unsafe` says why
//! it holds in a `SAFETY:` comment, and each `unsafe fn` in a `# Safety`
//! section (docs/architecture.md, "The guest's FFI layer").
#![deny(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![deny(clippy::missing_safety_doc)]

pub mod decode;
pub mod encode;
#[allow(unsafe_code)]
pub mod float_fmt;
pub mod frame;
pub mod limits;
pub mod outcome;
pub mod rite;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod exports;
#[cfg(target_arch = "wasm32")]
mod failure;
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod host;
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod interp;
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod mruby;
#[cfg(target_arch = "wasm32")]
mod operations;
#[cfg(target_arch = "wasm32")]
mod service;

#[allow(unsafe_code)]
mod status;
