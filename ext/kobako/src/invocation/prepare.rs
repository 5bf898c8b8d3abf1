//! Deciding, once per sandbox, whether its invocations may start from a
//! snapshot of the set-up guest instead of replaying the snippets
//! (docs/snippets.md, "Snapshot").
//!
//! The setup (Services bound, snippets replayed) runs by itself in a
//! throw-away instance, with the sandbox's caps, before any script. The host
//! decides from what it saw itself whether the state that setup left depends
//! on nothing but the frame, so that replaying it in every fresh instance
//! would leave the same bytes:
//! - it succeeded (a failing setup is replayed, and fails, every time: B-31);
//! - it wrote no output (replayed snippets print at every invocation);
//! - it made no Service call (it has no dispatcher here; the host sees the
//!   import called) — a Service's answer, or a Handle, may differ per
//!   invocation;
//! - it read no live clock (the hermetic clocks always read 0);
//! - the guest reports it drew no random numbers (Random is re-seeded per
//!   invocation, so the snippets must not have consumed the seed). This is
//!   the guest's word, but it only concerns the sandbox's own snippets,
//!   trusted host code; a wrong answer fixes a random value, it lets nothing
//!   of a script survive.
//!
//! Anything else (a hostile script included) runs later, in instances that
//! start from the snapshot; nothing is ever captured after a script ran.

use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use magnus::Error;

use crate::config::InvokeConfig;
use crate::error::KobakoError;
use crate::invocation::driver::{Abort, Driver, NoHost};
use crate::invocation::guest;
use crate::invocation::state::{self, StoreSetup};
use crate::invocation::watchdog::Signals;
use crate::loading::loaded::Loaded;
use crate::preamble::Plan;
use crate::wasi::output::CaptureStream;

/// What the setup's outcome is when the snapshot may be used: `{"ok" => true}`.
const SNAPSHOT_OK: [u8; 4] = [0x81, 0xa2, b'o', b'k'];
const TRUE: u8 = 0xc3;

/// Runs the setup `frame` once and returns the plan: its snapshot, or
/// replay. `None` when an interrupt (Thread#raise…) stopped it: nothing was
/// learnt, and the caller replays this once. Err for a Ruby error raised at
/// the GVL boundary, which the caller re-raises.
pub fn snapshot(
    engine: &wasmtime::Engine,
    loaded: &Loaded,
    frame: &[u8],
    config: &InvokeConfig,
) -> Result<Option<Plan>, Error> {
    let Some(export) = loaded.exports.prepare.as_ref() else {
        return Ok(Some(Plan::Replay));
    };
    // Zero-byte limits: any output at all marks the stream truncated.
    let stdout = CaptureStream::new(Some(0));
    let stderr = CaptureStream::new(Some(0));
    let signals = Arc::new(Signals::default());
    let clock_read = Arc::new(AtomicBool::new(false));
    let mut store = state::new_store(
        engine,
        StoreSetup {
            clock_read: Some(clock_read.clone()),
            ..StoreSetup::for_sandbox(config, &stdout, &stderr, signals.clone())
        },
    );
    let driver = Driver {
        signals: &signals,
        channel: None,
    };
    let run = {
        let future = pin!(guest::prepare(&mut store, loaded, frame, export));
        driver.run(future, &NoHost)
    };
    let (outcome, snapshot) = match run {
        Ok(Ok(prepared)) => prepared,
        Err(Abort::Ruby(error)) => return Err(error),
        Ok(Err(_))
            if matches!(
                store.data().watchdog.tripped(),
                Some(KobakoError::Interrupted)
            ) =>
        {
            return Ok(None)
        }
        Ok(Err(_)) | Err(Abort::Panic(_) | Abort::Stalled) => return Ok(Some(Plan::Replay)),
    };
    let quiet = [stdout.take(), stderr.take()]
        .iter()
        .all(|(bytes, truncated)| bytes.is_empty() && !truncated);
    let usable = outcome.strip_prefix(&SNAPSHOT_OK[..]) == Some(&[TRUE][..])
        && quiet
        && !store.data().dispatched
        && !clock_read.load(Ordering::Relaxed);
    Ok(Some(match usable {
        true => Plan::Restore(Arc::new(snapshot)),
        false => Plan::Replay,
    }))
}
