//! The guest's WASI world: the profile (`:hermetic` / `:permissive`) that
//! decides its clocks and entropy, and the capture streams behind fd 1 and 2.
//! No files, sockets, environment or arguments exist in it.

pub mod clock;
pub mod entropy;
pub mod output;
pub mod profile;
