//! What a guest may import: WASI preview 1 and the dispatch import. Nothing
//! else links.

use wasmtime::{Caller, Engine, Linker};

use crate::error::KobakoError;
use crate::invocation::dispatch;
use crate::invocation::state::HostState;
use crate::loading::abi::{DISPATCH_MODULE, DISPATCH_NAME, WASI_MODULE};

/// WASI `errno::nosys`.
const ERRNO_NOSYS: i32 = 52;

pub fn build(engine: &Engine) -> Result<Linker<HostState>, KobakoError> {
    let setup =
        |e: wasmtime::Error| KobakoError::Setup(format!("cannot build the guest linker: {e:#}"));
    let mut linker = Linker::new(engine);
    wasmtime_wasi::p1::add_to_linker_async(&mut linker, |state: &mut HostState| &mut state.wasi)
        .map_err(setup)?;

    // `poll_oneoff` is how WASI sleeps; the host thread would block inside it
    // where no deadline can reach. mruby does not sleep, so refuse it.
    linker.allow_shadowing(true);
    linker
        .func_wrap(
            WASI_MODULE,
            "poll_oneoff",
            |_: Caller<'_, HostState>, _: i32, _: i32, _: i32, _: i32| ERRNO_NOSYS,
        )
        .map_err(setup)?;
    linker.allow_shadowing(false);

    linker
        .func_wrap_async(
            DISPATCH_MODULE,
            DISPATCH_NAME,
            |mut caller: Caller<'_, HostState>, (ptr, len): (i32, i32)| {
                Box::new(async move { dispatch::handle(&mut caller, ptr, len).await })
            },
        )
        .map_err(setup)?;
    Ok(linker)
}
