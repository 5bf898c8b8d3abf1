//! `Kobako::Native::Preamble`: a sealed sandbox's Services and snippets as
//! packed frame entries (made once, at the seal), and how its invocations
//! start: from a snapshot of the set-up guest, or by replaying the setup in
//! every fresh instance (docs/snippets.md, "Snapshot"). Which one is decided
//! at the second invocation (invocation/prepare.rs) and never changes: the
//! Services and snippets of a sealed sandbox never change either (B-33).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use magnus::{Error, RString, Ruby};

use crate::invocation::snapshot::Snapshot;

/// A frame is a MessagePack fixmap: at most 15 entries (lib/kobako/codec.rb).
const MAX_ENTRIES: usize = 15;
const FIXMAP: u8 = 0x80;

pub enum Plan {
    /// Every invocation replays the setup (B-31), as without a snapshot.
    Replay,
    /// Every invocation starts from this (shared with every sandbox whose
    /// setup is the same: invocation/snapshot_registry.rs).
    Restore(Arc<Snapshot>),
}

#[magnus::wrap(class = "Kobako::Native::Preamble", free_immediately, size)]
pub struct Preamble {
    /// `count` packed map entries (`"services" => …`, `"snippets" => …`).
    entries: Vec<u8>,
    count: usize,
    plan: OnceLock<Plan>,
    /// Invocations that asked for the plan before it was decided.
    invocations: AtomicUsize,
}

impl Preamble {
    /// `Preamble.new(entries, count)`: `count` entries packed back to back.
    pub fn new(ruby: &Ruby, entries: RString, count: usize) -> Result<Self, Error> {
        if count > MAX_ENTRIES {
            return Err(Error::new(
                ruby.exception_arg_error(),
                format!("a preamble holds at most {MAX_ENTRIES} entries, got {count}"),
            ));
        }
        Ok(Self {
            // SAFETY: copied before any other Ruby code can run.
            entries: unsafe { entries.as_slice() }.to_vec(),
            count,
            plan: OnceLock::new(),
            invocations: AtomicUsize::new(0),
        })
    }

    /// "undecided", "replay" or "snapshot" (for tests and benchmarks).
    pub fn plan_name(&self) -> &'static str {
        match self.plan.get() {
            None => "undecided",
            Some(Plan::Replay) => "replay",
            Some(Plan::Restore(_)) => "snapshot",
        }
    }

    /// Bytes the snapshot writes into each instance; nil without one.
    pub fn snapshot_bytes(&self) -> Option<usize> {
        match self.plan.get() {
            Some(Plan::Restore(snapshot)) => Some(snapshot.dirty_bytes()),
            _ => None,
        }
    }

    /// Whether `other` starts from the very same snapshot (for tests).
    pub fn same_snapshot(&self, other: &Preamble) -> bool {
        match (self.plan.get(), other.plan.get()) {
            (Some(Plan::Restore(mine)), Some(Plan::Restore(theirs))) => Arc::ptr_eq(mine, theirs),
            _ => false,
        }
    }

    /// Bytes of the packed entries (the frame size cap counts them).
    pub fn bytesize(&self) -> usize {
        self.entries.len()
    }

    /// The plan, decided by `decide` at the second invocation; `None` before,
    /// or when `decide` could not tell (it is asked again next time): replay
    /// meanwhile. Not at the first: deciding costs a throw-away instance
    /// whose every memory page is read (1.2–3.4 ms measured, more when loaded),
    /// which a sandbox used once would pay for nothing.
    /// `decide` runs without a lock: a sandbox's invocations are serialized
    /// by its own mutex, and should two ever race, both decisions are
    /// equally valid.
    pub fn plan<E>(
        &self,
        decide: impl FnOnce() -> Result<Option<Plan>, E>,
    ) -> Result<Option<&Plan>, E> {
        if let Some(plan) = self.plan.get() {
            return Ok(Some(plan));
        }
        if self.invocations.fetch_add(1, Ordering::Relaxed) == 0 {
            return Ok(None);
        }
        Ok(decide()?.map(|plan| self.plan.get_or_init(|| plan)))
    }

    /// The frame of the setup alone: `{services, snippets}`.
    pub fn setup_frame(&self) -> Vec<u8> {
        let mut frame = Vec::with_capacity(1 + self.entries.len());
        frame.push(FIXMAP | self.count as u8);
        frame.extend_from_slice(&self.entries);
        frame
    }

    /// `op` (a fixmap frame of the operation's entries) with the setup's
    /// entries added; `None` when `op` is not such a map or the two together
    /// have too many entries.
    pub fn full_frame(&self, op: &[u8]) -> Option<Vec<u8>> {
        let (&header, rest) = op.split_first()?;
        let own = usize::from(header ^ FIXMAP);
        if header & 0xf0 != FIXMAP || own + self.count > MAX_ENTRIES {
            return None;
        }
        let mut frame = Vec::with_capacity(op.len() + self.entries.len());
        frame.push(FIXMAP | (own + self.count) as u8);
        frame.extend_from_slice(rest);
        frame.extend_from_slice(&self.entries);
        Some(frame)
    }
}
