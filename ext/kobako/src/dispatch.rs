//! The `env.__kobako_dispatch(ptr, len) -> i64` import: a Service request
//! from the guest, answered by the Ruby dispatcher.
//!
//! The guest runs on a wasmtime fiber. The import copies the request out,
//! parks it in the `DispatchChannel` and suspends; the driver (on the Ruby
//! thread's own stack, GVL held) calls the dispatcher and posts the answer;
//! the import resumes, has the guest allocate a buffer, and copies the answer
//! in. Ruby code therefore never runs on top of wasm frames.

use std::future::poll_fn;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::Poll;

use wasmtime::{Caller, Extern, Memory};

use crate::error::KobakoError;
use crate::state::HostState;
use crate::wire::{self, MAX_MESSAGE};

/// The dispatcher failed; the Ruby exception is held by the driver.
pub struct DispatcherFailed;

#[derive(Default)]
struct Exchange {
    request: Option<Vec<u8>>,
    response: Option<Result<Vec<u8>, DispatcherFailed>>,
}

/// Hands one request at a time from the suspended guest to the driver and
/// the answer back.
#[derive(Clone, Default)]
pub struct DispatchChannel(Arc<Mutex<Exchange>>);

impl DispatchChannel {
    fn lock(&self) -> MutexGuard<'_, Exchange> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Guest side: post `request` and wait (suspending the fiber) for the answer.
    async fn call(&self, request: Vec<u8>) -> Result<Vec<u8>, DispatcherFailed> {
        {
            let mut exchange = self.lock();
            exchange.response = None;
            exchange.request = Some(request);
        }
        poll_fn(|_| match self.lock().response.take() {
            Some(response) => Poll::Ready(response),
            None => Poll::Pending,
        })
        .await
    }

    /// Driver side: the request the suspended guest is waiting on, if any.
    pub fn take_request(&self) -> Option<Vec<u8>> {
        self.lock().request.take()
    }

    /// Driver side: answer the request taken last.
    pub fn respond(&self, response: Result<Vec<u8>, DispatcherFailed>) {
        self.lock().response = Some(response);
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

    let response = channel
        .call(request)
        .await
        .map_err(|DispatcherFailed| KobakoError::DispatcherRaised)?;
    // A Service call that ran past the deadline stops the guest at once.
    caller.data_mut().watchdog.check()?;

    if response.len() > MAX_MESSAGE {
        return Err(KobakoError::Trap(format!(
            "Service response of {} bytes exceeds the {MAX_MESSAGE}-byte message cap",
            response.len()
        ))
        .into());
    }
    let alloc = caller
        .get_export("kobako_alloc")
        .and_then(Extern::into_func)
        .ok_or_else(|| KobakoError::Trap("guest has no kobako_alloc export".into()))?
        .typed::<i32, i32>(&*caller)?;
    let response_len = response.len() as i32;
    let response_ptr = alloc.call_async(&mut *caller, response_len).await?;
    if response_ptr == 0 {
        return Err(KobakoError::Trap(format!(
            "guest could not allocate {response_len} bytes for a Service response"
        ))
        .into());
    }
    memory
        .write(&mut *caller, response_ptr as u32 as usize, &response)
        .map_err(|_| {
            KobakoError::Trap("kobako_alloc returned a buffer outside guest memory".into())
        })?;
    Ok(wire::pack_region(response_ptr as u32, response_len as u32))
}

fn memory(caller: &mut Caller<'_, HostState>) -> Result<Memory, KobakoError> {
    caller
        .get_export("memory")
        .and_then(Extern::into_memory)
        .ok_or_else(|| KobakoError::Trap("guest has no memory export".into()))
}
