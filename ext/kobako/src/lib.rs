//! kobako's native extension: runs the mruby guest (a wasm module) in
//! wasmtime, one fresh instance per invocation, under timeout, memory and
//! output caps. Ruby sees only `Kobako::Native::Artifact` (docs/native.md);
//! no wasmtime type crosses into Ruby.

mod abi;
mod artifact;
mod clock;
mod config;
mod disk_cache;
mod dispatch;
mod driver;
mod engine;
mod entropy;
mod error;
mod guest;
mod gvl;
mod invocation;
mod limits;
mod linker;
mod loader;
mod output;
mod probe;
mod profile;
mod state;
mod ticker;
mod watchdog;
mod wire;
mod yielder;

use magnus::{function, method, prelude::*, Error, Ruby};

use crate::artifact::Artifact;

#[magnus::init]
fn init(ruby: &Ruby) -> Result<(), Error> {
    let native = ruby.define_module("Kobako")?.define_module("Native")?;
    native.const_set("ABI_VERSION", abi::ABI_VERSION)?;
    let class = native.define_class("Artifact", ruby.class_object())?;
    class.undef_default_alloc_func();
    class.define_singleton_method("load", function!(Artifact::load, 2))?;
    class.define_method("abi_version", method!(Artifact::abi_version, 0))?;
    class.define_method("load_info", method!(Artifact::load_info, 0))?;
    class.define_method("invoke", method!(Artifact::invoke, 4))?;
    class.define_method("floor_probe", method!(Artifact::floor_probe, 0))?;
    let yielder = native.define_class("Yielder", ruby.class_object())?;
    yielder.undef_default_alloc_func();
    yielder.define_method("call", method!(yielder::Yielder::call, 1))?;
    Ok(())
}
