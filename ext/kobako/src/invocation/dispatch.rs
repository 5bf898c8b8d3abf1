//! The `env.__kobako_dispatch(ptr, len) -> i64` import: a Service request
//! from the guest, answered by the Ruby dispatcher.
//!
//! The guest runs on a wasmtime fiber. The import copies the request out,
//! parks it in the `DispatchChannel` and suspends; the driver (on the Ruby
//! thread's own stack, GVL held) calls the dispatcher and posts the answer;
//! the import resumes, has the guest allocate a buffer, and copies the answer
//! in. Ruby code therefore never runs on top of wasm frames.
//!
//! While the Service runs it may yield to the guest's block: the driver then
//! answers with `ToGuest::Yield`, the import runs the block through
//! `kobako_yield` and posts its reply back, and waits again.

use wasmtime::{Caller, Extern, TypedFunc};

use crate::error::KobakoError;
use crate::invocation::channel::{DispatcherFailed, ToGuest, ToHost};
use crate::invocation::guest;
use crate::invocation::state::{DispatchExports, HostState};
use crate::wire;

/// Body of the import. `Ok(0)` means "no answer" (no dispatcher bound).
pub async fn handle(
    caller: &mut Caller<'_, HostState>,
    ptr: i32,
    len: i32,
) -> wasmtime::Result<i64> {
    caller.data_mut().dispatched = true;
    let Some(channel) = caller.data().dispatch.clone() else {
        return Ok(0);
    };
    // What the script printed before this call reaches the capture first.
    drain_output(caller);
    let exports = exports(caller)?;
    let memory = exports.memory;
    let request = wire::read_region(memory.data(&*caller), ptr as u32, len as u32)
        .map_err(|reason| KobakoError::Trap(format!("invalid Service request: {reason}")))?
        .to_vec();

    let mut message = ToHost::Dispatch(request);
    let response = loop {
        let answer = channel
            .send(message)
            .await
            .map_err(|DispatcherFailed| KobakoError::DispatcherRaised)?;
        // Time spent in the Service counts: past the deadline, stop at once.
        caller.data_mut().watchdog.check()?;
        match answer {
            ToGuest::Reply(bytes) => break bytes,
            ToGuest::Yield(request) => {
                let reply = run_block(caller, &exports, &request).await?;
                drain_output(caller);
                message = ToHost::YieldDone(reply);
            }
        }
    };
    let (response_ptr, response_len) = guest::copy_in(
        &mut *caller,
        &exports.alloc,
        memory,
        &response,
        "a Service reply",
    )
    .await?;
    Ok(wire::pack_region(response_ptr, response_len))
}

/// What the guest still buffers reaches the capture (guest_output.rs).
fn drain_output(caller: &mut Caller<'_, HostState>) {
    if let Some(output) = caller.data().output.clone() {
        output.drain(&mut *caller);
    }
}

fn exports(caller: &mut Caller<'_, HostState>) -> Result<DispatchExports, wasmtime::Error> {
    if let Some(exports) = &caller.data().dispatch_exports {
        return Ok(exports.clone());
    }
    let memory = caller
        .get_export("memory")
        .and_then(Extern::into_memory)
        .ok_or_else(|| KobakoError::Trap("guest has no memory export".into()))?;
    let alloc = caller
        .get_export("kobako_alloc")
        .and_then(Extern::into_func)
        .ok_or_else(|| KobakoError::Trap("guest has no kobako_alloc export".into()))?
        .typed::<i32, i32>(&*caller)?;
    let exports = DispatchExports {
        memory,
        alloc,
        yield_block: None,
    };
    caller.data_mut().dispatch_exports = Some(exports.clone());
    Ok(exports)
}

fn yield_export(
    caller: &mut Caller<'_, HostState>,
) -> wasmtime::Result<TypedFunc<(i32, i32), i64>> {
    let cached = caller.data().dispatch_exports.as_ref();
    if let Some(yield_block) = cached.and_then(|exports| exports.yield_block.as_ref()) {
        return Ok(yield_block.clone());
    }
    let yield_block = caller
        .get_export("kobako_yield")
        .and_then(Extern::into_func)
        .ok_or_else(|| KobakoError::Trap("guest has no kobako_yield export".into()))?
        .typed::<(i32, i32), i64>(&*caller)?;
    if let Some(cached) = caller.data_mut().dispatch_exports.as_mut() {
        cached.yield_block = Some(yield_block.clone());
    }
    Ok(yield_block)
}

/// Re-enters the guest through `kobako_yield` while its Service call is
/// still on the stack, and copies the block's reply out.
async fn run_block(
    caller: &mut Caller<'_, HostState>,
    exports: &DispatchExports,
    request: &[u8],
) -> wasmtime::Result<Vec<u8>> {
    let memory = exports.memory;
    let (ptr, len) = guest::copy_in(
        &mut *caller,
        &exports.alloc,
        memory,
        request,
        "a block request",
    )
    .await?;
    let yield_block = yield_export(caller)?;
    let called = yield_block
        .call_async(&mut *caller, (ptr as i32, len as i32))
        .await;
    let packed = guest::contain_exception(&mut *caller, called, "a block request")?;
    let (ptr, len) = wire::unpack_region(packed);
    Ok(wire::read_region(memory.data(&*caller), ptr, len)
        .map_err(|reason| KobakoError::Trap(format!("invalid block reply: {reason}")))?
        .to_vec())
}
