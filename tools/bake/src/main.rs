//! `kobako-bake INPUT.wasm OUTPUT.wasm`: pre-initializes the guest.
//!
//! Runs the guest's `kobako_init` (which boots mruby and evaluates the
//! prelude) under wasmtime-wizer and writes a module whose memory already
//! holds the booted interpreter, so no invocation pays for the boot. The
//! output is a pure function of the input bytes.

use std::future::Future;
use std::pin::pin;
use std::process::ExitCode;
use std::task::{Context, Poll, Waker};

use wasmtime::{Caller, Config, Engine, Extern, Linker, Store};
use wasmtime_wizer::Wizer;

const INIT_FUNC: &str = "kobako_init";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: kobako-bake INPUT.wasm OUTPUT.wasm");
        return ExitCode::from(2);
    };
    match bake(input, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kobako-bake: {e:?}");
            ExitCode::FAILURE
        }
    }
}

fn bake(input: &str, output: &str) -> wasmtime::Result<()> {
    let wasm = std::fs::read(input)?;
    let mut config = Config::new();
    config.wasm_exceptions(true);
    let engine = Engine::new(&config)?;
    let mut store = Store::new(&engine, ());
    let mut wizer = Wizer::new();
    wizer.init_func(INIT_FUNC);
    let baked = block_on(wizer.run(&mut store, &wasm, async |store, module| {
        // Nothing from the build machine may leak into the snapshot: every
        // import traps, except a clock frozen at 0 for mruby-random's boot
        // seed (each invocation reseeds from the profile's entropy anyway).
        let mut linker = Linker::new(store.engine());
        linker.func_wrap("wasi_snapshot_preview1", "clock_time_get", frozen_clock)?;
        linker.define_unknown_imports_as_traps(module)?;
        linker.instantiate(store, module)
    }))?;
    std::fs::write(output, baked)?;
    Ok(())
}

fn frozen_clock(mut caller: Caller<'_, ()>, _id: i32, _precision: i64, out: i32) -> i32 {
    const ERRNO_SUCCESS: i32 = 0;
    const ERRNO_FAULT: i32 = 21;
    let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
        return ERRNO_FAULT;
    };
    match memory.write(&mut caller, out as u32 as usize, &0u64.to_le_bytes()) {
        Ok(()) => ERRNO_SUCCESS,
        Err(_) => ERRNO_FAULT,
    }
}

/// Wizer's API is async, but with no async host functions nothing ever
/// suspends: polling until ready never actually spins.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}
