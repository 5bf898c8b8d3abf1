//! The guest <-> host channel of one invocation: the suspended guest (on its
//! wasmtime fiber, inside the dispatch import) posts a message and waits;
//! the driver (on the Ruby thread's own stack) takes it and posts the answer.
//! One message is in flight at a time.

use std::future::poll_fn;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::Poll;

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
    pub async fn send(&self, message: ToHost) -> Result<ToGuest, DispatcherFailed> {
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
