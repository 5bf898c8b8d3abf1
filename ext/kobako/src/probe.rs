//! Asking a freshly loaded artifact which ABI version it speaks, in a
//! throw-away instance.

use std::pin::pin;
use std::sync::Arc;

use crate::artifact::Loaded;
use crate::dispatch::DispatcherFailed;
use crate::driver::{Abort, Driver, Host, Pump};
use crate::error::KobakoError;
use crate::limits::MemoryLimiter;
use crate::output::CaptureStream;
use crate::profile::{self, Profile};
use crate::state::{self, HostState};
use crate::watchdog::{Signals, Watchdog};
use crate::{engine, guest};

/// Runs on whichever thread loads the artifact; needs no Ruby.
pub fn abi_version(loaded: &Loaded) -> Result<i32, KobakoError> {
    let engine = engine::engine().map_err(KobakoError::Setup)?;
    let sink = CaptureStream::new(Some(0));
    let signals = Arc::new(Signals::default());
    let state = HostState {
        wasi: profile::wasi_ctx(Profile::Hermetic, &sink, &sink),
        limiter: MemoryLimiter::new(None),
        watchdog: Watchdog::start(None, None, signals.clone()),
        dispatch: None,
    };
    let mut store = state::new_store(engine, state);
    let driver = Driver {
        signals: &signals,
        channel: None,
    };
    let future = pin!(guest::abi_version(&mut store, loaded));
    let failed =
        |reason: String| KobakoError::Setup(format!("calling kobako_abi_version failed: {reason}"));
    match driver.run(future, &NoHost) {
        Ok(Ok(version)) => Ok(version),
        Ok(Err(trap)) => Err(failed(format!("{trap:#}"))),
        Err(Abort::Panic(message)) => Err(failed(message)),
        Err(Abort::Stalled) => Err(failed("the guest stalled".into())),
        Err(Abort::Ruby(_)) => Err(failed("interrupted".into())),
    }
}

/// Without a channel the import answers 0 itself; `serve` is never asked.
struct NoHost;

impl Host for NoHost {
    fn serve(&self, _: Vec<u8>, _: &Pump<'_>) -> Result<Vec<u8>, DispatcherFailed> {
        Err(DispatcherFailed)
    }

    fn take_raised(&self) -> Option<magnus::Error> {
        None
    }
}
