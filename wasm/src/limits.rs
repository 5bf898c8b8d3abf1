//! The wire's caps, shared by every message the guest reads or writes.

/// Bytes in one message (docs/wire.md).
pub const MAX_MESSAGE: usize = 16 << 20;

/// Nested Arrays/Hashes in one value.
pub const MAX_DEPTH: usize = 128;

/// Outer levels of a message that carry values rather than being one, and do
/// not count toward [`MAX_DEPTH`] (docs/wire.md): a reply `[0, value]` has
/// one, a Service request `[target, method, [args], {kwargs}, block]`, a
/// yield `[id, [args]]` and #run's `[[args], {kwargs}]` two.
pub const ENVELOPE_REPLY: usize = 1;
pub const ENVELOPE_REQUEST: usize = 2;
