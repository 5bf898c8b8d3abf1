//! Clocks for the hermetic profile: both WASI clocks read 0, so a script's
//! output cannot depend on when it ran. And the live clocks, watched: a setup
//! that read the time cannot be snapshotted (invocation/prepare.rs).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wasmtime_wasi::clocks::{MonotonicClock, WallClock};
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

/// A live clock that raises `read` when the guest asks it the time.
pub struct Watched<C> {
    clock: C,
    read: Arc<AtomicBool>,
}

impl Watched<WallClock> {
    pub fn wall(read: Arc<AtomicBool>) -> Self {
        Self {
            clock: WallClock::new(),
            read,
        }
    }
}

impl Watched<MonotonicClock> {
    pub fn monotonic(read: Arc<AtomicBool>) -> Self {
        Self {
            clock: MonotonicClock::new(),
            read,
        }
    }
}

impl HostWallClock for Watched<WallClock> {
    fn resolution(&self) -> Duration {
        self.clock.resolution()
    }

    fn now(&self) -> Duration {
        self.read.store(true, Ordering::Relaxed);
        self.clock.now()
    }
}

impl HostMonotonicClock for Watched<MonotonicClock> {
    fn resolution(&self) -> u64 {
        self.clock.resolution()
    }

    fn now(&self) -> u64 {
        self.read.store(true, Ordering::Relaxed);
        self.clock.now()
    }
}
