//! One invocation as seen by the guest ABI: instantiate, hand over the frame,
//! run it, read the outcome (docs/wire.md).

use wasmtime::{
    AsContextMut, Instance, Memory, ModuleExport, Store, TypedFunc, WasmParams, WasmResults,
};

use crate::error::KobakoError;
use crate::invocation::guest_output::GuestOutput;
use crate::invocation::snapshot::{self, Snapshot};
use crate::invocation::state::HostState;
use crate::loading::loaded::Loaded;
use crate::wire::{self, MAX_MESSAGE};

/// The pooling allocator's "limit reached" errors say which pool, not why.
fn explain_instantiation(error: wasmtime::Error) -> wasmtime::Error {
    if format!("{error:#}").contains("maximum concurrent") {
        return trap(format!(
            "more than {} guests are running at once in this process ({error:#})",
            crate::loading::engine::POOL_SLOTS
        ));
    }
    error
}

/// Runs `frame` in a fresh instance of `loaded`, started from `snapshot`
/// when there is one, and returns the outcome bytes.
pub async fn run(
    store: &mut Store<HostState>,
    loaded: &Loaded,
    frame: &[u8],
    snapshot: Option<&Snapshot>,
) -> wasmtime::Result<Vec<u8>> {
    let (instance, memory) = instantiate(store, loaded).await?;
    if let Some(snapshot) = snapshot {
        snapshot.restore(store, memory)?;
    }
    call(
        store,
        loaded,
        &instance,
        memory,
        frame,
        &loaded.exports.eval,
    )
    .await
}

/// Runs the setup `frame` (Services and snippets only) with `kobako_prepare`
/// in a fresh instance; returns its outcome and a snapshot of the memory it
/// left (see invocation/prepare.rs for when that snapshot may be used). The
/// instance's memory is released after: only the snapshot remains.
pub async fn prepare(
    store: &mut Store<HostState>,
    loaded: &Loaded,
    frame: &[u8],
    export: &ModuleExport,
) -> wasmtime::Result<(Vec<u8>, Snapshot)> {
    let (instance, memory) = instantiate(store, loaded).await?;
    let fresh = memory.data(&*store).to_vec();
    let outcome = call(store, loaded, &instance, memory, frame, export).await?;
    // What the setup still buffers reaches the capture streams (the caller
    // checks them), and the snapshot holds empty buffers.
    if let Some(output) = store.data().output.clone() {
        output.drain(&mut *store);
    }
    let snapshot = Snapshot::capture(&fresh, memory.data(&*store));
    snapshot::release(store, memory);
    Ok((outcome, snapshot))
}

/// A fresh instance from the pool, its memory's size as the limiter's baseline.
async fn instantiate(
    store: &mut Store<HostState>,
    loaded: &Loaded,
) -> wasmtime::Result<(Instance, Memory)> {
    let instance = loaded
        .pre
        .instantiate_async(&mut *store)
        .await
        .map_err(explain_instantiation)?;
    let memory = memory(&instance, store, &loaded.exports.memory)?;
    let baseline = memory.data_size(&*store);
    store.data_mut().limiter.set_baseline(baseline);
    store.data_mut().memory = Some(memory);
    Ok((instance, memory))
}

/// Hands `frame` to the frame-taking export `entry` and reads the outcome.
async fn call(
    store: &mut Store<HostState>,
    loaded: &Loaded,
    instance: &Instance,
    memory: Memory,
    frame: &[u8],
    entry: &ModuleExport,
) -> wasmtime::Result<Vec<u8>> {
    let exports = &loaded.exports;
    let alloc: TypedFunc<i32, i32> = function(instance, store, &exports.alloc)?;
    let eval: TypedFunc<(i32, i32), i32> = function(instance, store, entry)?;
    let outcome: TypedFunc<(), i64> = function(instance, store, &exports.outcome)?;
    let output_area: TypedFunc<(), i32> = function(instance, store, &exports.output_area)?;
    let descriptor = output_area.call_async(&mut *store, ()).await? as u32;
    let (stdout, stderr) = store.data().streams.clone();
    store.data_mut().output = Some(GuestOutput::new(memory, descriptor, stdout, stderr));

    let (ptr, len) = copy_in(&mut *store, &alloc, memory, frame, "the invocation frame").await?;

    let status = eval
        .call_async(&mut *store, (ptr as i32, len as i32))
        .await?;
    if status != 0 {
        return Err(trap(format!(
            "kobako_eval returned {status}: the guest could not build an outcome"
        )));
    }
    let (ptr, len) = wire::unpack_region(outcome.call_async(&mut *store, ()).await?);
    let bytes =
        wire::read_region(memory.data(&*store), ptr, len).map_err(KobakoError::CorruptedOutcome)?;
    if bytes.is_empty() {
        return Err(KobakoError::CorruptedOutcome("the guest left no outcome".into()).into());
    }
    Ok(bytes.to_vec())
}

/// Copies `bytes` into a fresh buffer from the guest's `kobako_alloc`: the
/// one way the host writes into guest memory (frames, Service replies, block
/// requests). `what` names the message in errors.
pub async fn copy_in(
    mut ctx: impl AsContextMut<Data = HostState>,
    alloc: &TypedFunc<i32, i32>,
    memory: Memory,
    bytes: &[u8],
    what: &str,
) -> wasmtime::Result<(u32, u32)> {
    if bytes.len() > MAX_MESSAGE {
        return Err(trap(format!(
            "{what} of {} bytes exceeds the {MAX_MESSAGE}-byte message cap",
            bytes.len()
        )));
    }
    let len = bytes.len() as i32;
    let called = alloc.call_async(&mut ctx, len).await;
    let ptr = contain_exception(&mut ctx, called, what)?;
    if ptr == 0 {
        return Err(trap(format!(
            "guest could not allocate {len} bytes for {what}"
        )));
    }
    memory
        .write(&mut ctx, ptr as u32 as usize, bytes)
        .map_err(|_| trap("kobako_alloc returned a buffer outside guest memory".into()))?;
    Ok((ptr as u32, len as u32))
}

/// The result of a guest export called from inside a host import (a block
/// run, an allocation), with any wasm exception it let escape turned into a
/// trap. Returned as it is, wasmtime would throw that exception on into the
/// guest frames below the import, where the script's `rescue` around its
/// Service call could catch what is in fact the guest breaking the protocol
/// (docs/wire.md: a block run answers with a status). The host decides: the
/// invocation ends as a `TrapError`.
pub fn contain_exception<T>(
    mut ctx: impl AsContextMut<Data = HostState>,
    result: wasmtime::Result<T>,
    what: &str,
) -> wasmtime::Result<T> {
    match result {
        Err(error) if error.is::<wasmtime::ThrownException>() => {
            // Dropped, so that nothing rethrows it.
            let _ = ctx.as_context_mut().take_pending_exception();
            Err(trap(format!(
                "the guest raised out of its export while handling {what}"
            )))
        }
        other => other,
    }
}

/// Calls `kobako_abi_version` (used once, when an artifact is loaded).
pub async fn abi_version(store: &mut Store<HostState>, loaded: &Loaded) -> wasmtime::Result<i32> {
    let instance = loaded.pre.instantiate_async(&mut *store).await?;
    let version: TypedFunc<(), i32> = function(&instance, store, &loaded.exports.abi_version)?;
    version.call_async(&mut *store, ()).await
}

fn memory(
    instance: &Instance,
    store: &mut Store<HostState>,
    export: &ModuleExport,
) -> wasmtime::Result<Memory> {
    instance
        .get_module_export(&mut *store, export)
        .and_then(|export| export.into_memory())
        .ok_or_else(|| trap("guest memory export vanished".into()))
}

fn function<P: WasmParams, R: WasmResults>(
    instance: &Instance,
    store: &mut Store<HostState>,
    export: &ModuleExport,
) -> wasmtime::Result<TypedFunc<P, R>> {
    instance
        .get_module_export(&mut *store, export)
        .and_then(|export| export.into_func())
        .ok_or_else(|| trap("guest function export vanished".into()))?
        .typed(&*store)
}

fn trap(message: String) -> wasmtime::Error {
    KobakoError::Trap(message).into()
}
