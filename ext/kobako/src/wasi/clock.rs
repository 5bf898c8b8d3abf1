//! Clocks for the hermetic profile: both WASI clocks read 0, so a script's
//! output cannot depend on when it ran.

use std::time::Duration;
use wasmtime_wasi::{HostMonotonicClock, HostWallClock};

/// Wall clock stuck at the Unix epoch.
pub struct FrozenWallClock;

impl HostWallClock for FrozenWallClock {
    fn resolution(&self) -> Duration {
        Duration::from_nanos(1)
    }

    fn now(&self) -> Duration {
        Duration::ZERO
    }
}

/// Monotonic clock that never advances.
pub struct FrozenMonotonicClock;

impl HostMonotonicClock for FrozenMonotonicClock {
    fn resolution(&self) -> u64 {
        1
    }

    fn now(&self) -> u64 {
        0
    }
}
