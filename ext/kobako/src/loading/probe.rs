//! Asking a freshly loaded artifact which ABI version it speaks, in a
//! throw-away instance.

use std::pin::pin;
use std::sync::Arc;

use crate::error::KobakoError;
use crate::invocation::driver::{Abort, Driver, NoHost};
use crate::invocation::guest;
use crate::invocation::state::{self, StoreSetup};
use crate::invocation::watchdog::Signals;
use crate::loading::engine;
use crate::loading::loaded::Loaded;
use crate::wasi::output::CaptureStream;
use crate::wasi::profile::Profile;

/// Runs on whichever thread loads the artifact; needs no Ruby.
pub fn abi_version(loaded: &Loaded) -> Result<i32, KobakoError> {
    let engine = engine::engine().map_err(KobakoError::Setup)?;
    let sink = CaptureStream::new(Some(0));
    let signals = Arc::new(Signals::default());
    let mut store = state::new_store(
        engine,
        StoreSetup {
            profile: Profile::Hermetic,
            stdout: &sink,
            stderr: &sink,
            memory_limit: None,
            timeout: None,
            gvl_budget: None,
            signals: signals.clone(),
            dispatch: None,
            clock_read: None,
        },
    );
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
