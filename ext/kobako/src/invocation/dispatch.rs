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

use wasmtime::{Caller, Extern, Memory};

use crate::error::KobakoError;
use crate::invocation::channel::{DispatcherFailed, ToGuest, ToHost};
use crate::invocation::guest;
use crate::invocation::state::HostState;
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
    let memory = memory(caller)?;
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
                let reply = run_block(caller, memory, &request).await?;
                drain_output(caller);
                message = ToHost::YieldDone(reply);
            }
        }
    };
    let (response_ptr, response_len) =
        copy_in(caller, memory, &response, "a Service reply").await?;
    Ok(wire::pack_region(response_ptr, response_len))
}

/// What the guest still buffers reaches the capture (guest_output.rs).
fn drain_output(caller: &mut Caller<'_, HostState>) {
    if let Some(output) = caller.data().output.clone() {
        output.drain(&mut *caller);
    }
}

/// Re-enters the guest through `kobako_yield` while its Service call is
/// still on the stack, and copies the block's reply out.
async fn run_block(
    caller: &mut Caller<'_, HostState>,
    memory: Memory,
    request: &[u8],
) -> wasmtime::Result<Vec<u8>> {
    let (ptr, len) = copy_in(caller, memory, request, "a block request").await?;
    let yield_block = caller
        .get_export("kobako_yield")
        .and_then(Extern::into_func)
        .ok_or_else(|| KobakoError::Trap("guest has no kobako_yield export".into()))?
        .typed::<(i32, i32), i64>(&*caller)?;
    let packed = yield_block
        .call_async(&mut *caller, (ptr as i32, len as i32))
        .await?;
    let (ptr, len) = wire::unpack_region(packed);
    Ok(wire::read_region(memory.data(&*caller), ptr, len)
        .map_err(|reason| KobakoError::Trap(format!("invalid block reply: {reason}")))?
        .to_vec())
}

/// `guest::copy_in` with the caller's own `kobako_alloc`.
async fn copy_in(
    caller: &mut Caller<'_, HostState>,
    memory: Memory,
    bytes: &[u8],
    what: &str,
) -> wasmtime::Result<(u32, u32)> {
    let alloc = caller
        .get_export("kobako_alloc")
        .and_then(Extern::into_func)
        .ok_or_else(|| KobakoError::Trap("guest has no kobako_alloc export".into()))?
        .typed::<i32, i32>(&*caller)?;
    guest::copy_in(&mut *caller, &alloc, memory, bytes, what).await
}

fn memory(caller: &mut Caller<'_, HostState>) -> Result<Memory, KobakoError> {
    caller
        .get_export("memory")
        .and_then(Extern::into_memory)
        .ok_or_else(|| KobakoError::Trap("guest has no memory export".into()))
}
