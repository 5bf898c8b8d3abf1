//! The kobako guest: mruby compiled to wasm32-wasip1 plus its side of the
//! wire. Exports and imports are documented in docs/wire.md.

pub mod decode;
pub mod encode;
pub mod float_fmt;
pub mod frame;
pub mod limits;
pub mod outcome;
pub mod rite;

#[cfg(target_arch = "wasm32")]
mod exports;
#[cfg(target_arch = "wasm32")]
mod failure;
#[cfg(target_arch = "wasm32")]
mod interp;
#[cfg(target_arch = "wasm32")]
mod mruby;
#[cfg(target_arch = "wasm32")]
mod operations;
#[cfg(target_arch = "wasm32")]
mod service;

mod status;
