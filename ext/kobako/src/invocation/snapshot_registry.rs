//! The snapshots alive in this process, so that sandboxes whose setups are
//! the same share one copy instead of each keeping its own (a Pool of N
//! sandboxes with the same snippets: one snapshot, ~340 KiB for 64 helper
//! snippets, instead of N). A snapshot is the guest's memory after a setup
//! that depended on nothing but its own frame (invocation/prepare.rs), so two
//! setups agree when their module, frame and the options the setup ran
//! under agree; it is never written after it is taken, and every invocation
//! restores it into its own fresh instance, so sharing it shares nothing a
//! script did.
//!
//! The registry holds weak references only: a snapshot lives as long as a
//! sandbox's `Native::Preamble` holds it. It is touched with the GVL held
//! (by the invocation that decides a plan), never across a Ruby `fork`.

use std::sync::{Arc, Mutex, Weak};

use crate::config::InvokeConfig;
use crate::invocation::snapshot::Snapshot;
use crate::loading::loaded::Loaded;
use crate::wasi::profile::Profile;

/// What a setup's outcome depends on.
#[derive(PartialEq, Eq)]
pub struct Key {
    module: u64,
    profile: Profile,
    memory_limit: Option<u64>,
    /// The timeout's bits: a setup that would time out under a shorter one
    /// must not borrow a snapshot taken under a longer one.
    timeout: Option<u64>,
    /// The setup frame (`{services, snippets}`), compared byte for byte.
    pub setup: Vec<u8>,
}

impl Key {
    pub fn new(loaded: &Loaded, config: &InvokeConfig, setup: Vec<u8>) -> Self {
        Key {
            module: loaded.id,
            profile: config.profile,
            memory_limit: config.memory_limit,
            timeout: config.timeout.map(f64::to_bits),
            setup,
        }
    }
}

static SHARED: Mutex<Vec<(Key, Weak<Snapshot>)>> = Mutex::new(Vec::new());

fn registry() -> std::sync::MutexGuard<'static, Vec<(Key, Weak<Snapshot>)>> {
    let mut shared = SHARED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    shared.retain(|(_, snapshot)| snapshot.strong_count() > 0);
    shared
}

/// A live snapshot taken under `key`, if any sandbox still holds one.
pub fn find(key: &Key) -> Option<Arc<Snapshot>> {
    registry()
        .iter()
        .find(|(known, _)| known == key)
        .and_then(|(_, snapshot)| snapshot.upgrade())
}

/// `snapshot`, just taken under `key`, as the one to share: an equal one
/// registered meanwhile wins, so there is never more than one per key.
pub fn share(key: Key, snapshot: Arc<Snapshot>) -> Arc<Snapshot> {
    let mut shared = registry();
    if let Some(known) = shared
        .iter()
        .find(|(known, _)| *known == key)
        .and_then(|(_, snapshot)| snapshot.upgrade())
    {
        return known;
    }
    shared.push((key, Arc::downgrade(&snapshot)));
    snapshot
}
