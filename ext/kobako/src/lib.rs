//! kobako's native extension: runs the mruby guest (a wasm module) in
//! wasmtime, one fresh instance per invocation, under timeout, memory and
//! output caps. Ruby sees `Kobako::Native::Artifact`, `Native::Preamble`,
//! `Native::Yielder` and `Native::Codec` (docs/native.md); no wasmtime type
//! crosses into Ruby.
//!
//! Modules by what happens: `loading` (engine, compiled-module caches, ABI,
//! linker), `invocation` (one eval or run: store, guest, dispatch, yields,
//! caps, GVL), `wasi` (the guest's clocks, entropy and output), and the
//! Ruby-facing `artifact` and `codec`. docs/architecture.md walks through them.

mod artifact;
mod codec;
mod config;
mod error;
mod invocation;
mod loading;
mod preamble;
mod wasi;
mod wire;

use magnus::{function, method, prelude::*, Error, Ruby};

use crate::artifact::Artifact;
use crate::preamble::Preamble;

#[magnus::init]
fn init(ruby: &Ruby) -> Result<(), Error> {
    let native = ruby.define_module("Kobako")?.define_module("Native")?;
    native.const_set("ABI_VERSION", loading::abi::ABI_VERSION)?;
    codec::define(ruby, native)?;
    wire::status::define(native)?;
    native.define_singleton_method("memory_reset", function!(loading::engine::memory_reset, 0))?;
    let class = native.define_class("Artifact", ruby.class_object())?;
    class.undef_default_alloc_func();
    class.define_singleton_method("load", function!(Artifact::load, 2))?;
    class.define_method("abi_version", method!(Artifact::abi_version, 0))?;
    class.define_method("load_info", method!(Artifact::load_info, 0))?;
    class.define_method("invoke", method!(Artifact::invoke, 4))?;
    class.define_method("invoke_prepared", method!(Artifact::invoke_prepared, 5))?;
    class.define_method("floor_probe", method!(Artifact::floor_probe, 0))?;
    let preamble = native.define_class("Preamble", ruby.class_object())?;
    preamble.undef_default_alloc_func();
    preamble.define_singleton_method("new", function!(Preamble::new, 2))?;
    preamble.define_method("plan", method!(Preamble::plan_name, 0))?;
    preamble.define_method("bytesize", method!(Preamble::bytesize, 0))?;
    preamble.define_method("snapshot_bytes", method!(Preamble::snapshot_bytes, 0))?;
    preamble.define_method("same_snapshot?", method!(Preamble::same_snapshot, 1))?;
    let yielder = native.define_class("Yielder", ruby.class_object())?;
    yielder.undef_default_alloc_func();
    yielder.define_method("call", method!(invocation::yielder::Yielder::call, 1))?;
    Ok(())
}
