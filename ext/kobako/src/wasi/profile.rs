//! The WASI context of one invocation. Both profiles give the guest no
//! preopened directories, no environment, no arguments, an empty stdin and
//! captured stdout/stderr; they differ only in clocks and entropy.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::WasiCtxBuilder;

use crate::wasi::clock::{FrozenMonotonicClock, FrozenWallClock, Watched};
use crate::wasi::entropy::{FixedStream, INSECURE_SEED, SECURE_SEED};
use crate::wasi::output::CaptureStream;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Clocks read 0 and random is a fixed stream: reproducible output.
    Hermetic,
    /// Live clocks and entropy (the wasmtime-wasi defaults).
    Permissive,
}

/// `clock_read`: raised when the guest reads a live clock (the frozen ones
/// always read the same, so reading them is not watched).
pub fn wasi_ctx(
    profile: Profile,
    stdout: &CaptureStream,
    stderr: &CaptureStream,
    clock_read: Option<&Arc<AtomicBool>>,
) -> WasiP1Ctx {
    let mut builder = WasiCtxBuilder::new();
    builder.stdout(stdout.clone()).stderr(stderr.clone());
    if let (Profile::Permissive, Some(read)) = (profile, clock_read) {
        builder
            .wall_clock(Watched::wall(read.clone()))
            .monotonic_clock(Watched::monotonic(read.clone()));
    }
    if profile == Profile::Hermetic {
        builder
            .wall_clock(FrozenWallClock)
            .monotonic_clock(FrozenMonotonicClock)
            .secure_random(FixedStream::new(SECURE_SEED))
            .insecure_random(FixedStream::new(INSECURE_SEED))
            .insecure_random_seed(u128::from(INSECURE_SEED));
    }
    builder.build_p1()
}
