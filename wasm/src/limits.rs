//! The wire's caps, shared by every message the guest reads or writes.

/// Bytes in one message (docs/wire.md).
pub const MAX_MESSAGE: usize = 16 << 20;

/// Nested Arrays/Hashes in one value.
pub const MAX_DEPTH: usize = 128;
