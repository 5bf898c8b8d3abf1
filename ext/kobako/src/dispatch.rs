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

use std::future::poll_fn;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::Poll;

use wasmtime::{Caller, Extern, Memory};

use crate::error::KobakoError;
use crate::state::HostState;
use crate::wire::{self, MAX_MESSAGE};

/// The dispatcher failed; the Ruby exception is held by the driver.
pub struct DispatcherFailed;

/// What the suspended guest hands the driver.
pub enum ToHost {
    /// A Service request (docs/wire.md, "Request").
    Dispatch(Vec<u8>),
    /// The reply of a block the host asked the guest to run.
    YieldDone(Vec<u8>),
}

/// What the driver hands back to the suspended guest.
pub enum ToGuest {
    /// The reply to the request: the import returns it.
    Reply(Vec<u8>),
    /// Run the request's block first (`kobako_yield`), then wait again.
    Yield(Vec<u8>),
}

#[derive(Default)]
struct Exchange {
    to_host: Option<ToHost>,
    to_guest: Option<Result<ToGuest, DispatcherFailed>>,
}

/// Hands one message at a time between the suspended guest and the driver.
#[derive(Clone, Default)]
pub struct DispatchChannel(Arc<Mutex<Exchange>>);

impl DispatchChannel {
    fn lock(&self) -> MutexGuard<'_, Exchange> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Guest side: post `message` and wait (suspending the fiber) for the answer.
    async fn send(&self, message: ToHost) -> Result<ToGuest, DispatcherFailed> {
        {
            let mut exchange = self.lock();
            exchange.to_guest = None;
            exchange.to_host = Some(message);
        }
        poll_fn(|_| match self.lock().to_guest.take() {
            Some(answer) => Poll::Ready(answer),
            None => Poll::Pending,
        })
        .await
    }

    /// Driver side: what the suspended guest is waiting on, if anything.
    pub fn take(&self) -> Option<ToHost> {
        self.lock().to_host.take()
    }

    /// Driver side: answer the message taken last.
    pub fn answer(&self, answer: Result<ToGuest, DispatcherFailed>) {
        self.lock().to_guest = Some(answer);
    }
}

/// Body of the import. `Ok(0)` means "no answer" (no dispatcher bound).
pub async fn handle(
    caller: &mut Caller<'_, HostState>,
    ptr: i32,
    len: i32,
) -> wasmtime::Result<i64> {
    let Some(channel) = caller.data().dispatch.clone() else {
        return Ok(0);
    };
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
                message = ToHost::YieldDone(reply);
            }
        }
    };
    let (response_ptr, response_len) = copy_in(caller, memory, &response).await?;
    Ok(wire::pack_region(response_ptr, response_len))
}

/// Re-enters the guest through `kobako_yield` while its Service call is
/// still on the stack, and copies the block's reply out.
async fn run_block(
    caller: &mut Caller<'_, HostState>,
    memory: Memory,
    request: &[u8],
) -> wasmtime::Result<Vec<u8>> {
    let (ptr, len) = copy_in(caller, memory, request).await?;
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

/// Copies `bytes` into a fresh guest buffer from `kobako_alloc`.
async fn copy_in(
    caller: &mut Caller<'_, HostState>,
    memory: Memory,
    bytes: &[u8],
) -> wasmtime::Result<(u32, u32)> {
    if bytes.len() > MAX_MESSAGE {
        return Err(KobakoError::Trap(format!(
            "a message of {} bytes exceeds the {MAX_MESSAGE}-byte cap",
            bytes.len()
        ))
        .into());
    }
    let alloc = caller
        .get_export("kobako_alloc")
        .and_then(Extern::into_func)
        .ok_or_else(|| KobakoError::Trap("guest has no kobako_alloc export".into()))?
        .typed::<i32, i32>(&*caller)?;
    let len = bytes.len() as i32;
    let ptr = alloc.call_async(&mut *caller, len).await?;
    if ptr == 0 {
        return Err(KobakoError::Trap(format!("guest could not allocate {len} bytes")).into());
    }
    memory
        .write(&mut *caller, ptr as u32 as usize, bytes)
        .map_err(|_| {
            KobakoError::Trap("kobako_alloc returned a buffer outside guest memory".into())
        })?;
    Ok((ptr as u32, len as u32))
}

fn memory(caller: &mut Caller<'_, HostState>) -> Result<Memory, KobakoError> {
    caller
        .get_export("memory")
        .and_then(Extern::into_memory)
        .ok_or_else(|| KobakoError::Trap("guest has no memory export".into()))
}
