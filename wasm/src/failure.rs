//! A guest exception or an unencodable value as the host will see it.

use crate::encode::EncodeError;
use crate::mruby::{Interp, Value};
use crate::outcome::Failure;

/// Guest-controlled text is clipped so an error outcome always fits the wire.
const MAX_MESSAGE_TEXT: usize = 64 << 10;
const MAX_BACKTRACE_LINES: usize = 64;

pub fn exception_failure(interp: &Interp, exc: &Value) -> Failure {
    // The allocator's own NoMemoryError, unrescued: memory growth was refused
    // (the host's memory_limit). Trapping lets the host report that cap with
    // its numbers; a guest that did not would only lose the better error.
    if interp.is_out_of_memory(exc) {
        std::process::abort();
    }
    let (message, backtrace) = interp.exception_info(exc);
    let text = |v: &Value| interp.string(v).map(clip);
    let class = interp.class_name(exc);
    let mut failure = Failure::sandbox(
        class,
        text(&message).unwrap_or_default(),
        interp
            .array(&backtrace)
            .iter()
            .filter_map(text)
            // Frames of kobako's own prelude say nothing about the script.
            .filter(|line| !line.starts_with("(kobako)"))
            .take(MAX_BACKTRACE_LINES)
            .collect(),
    );
    // A Service failure the script did not rescue is reported as the host's.
    if SERVICE_ERRORS.contains(&class) {
        failure.origin = "service";
    }
    failure
}

const SERVICE_ERRORS: [&str; 3] = [
    "Kobako::ServiceError",
    "Kobako::NoServiceError",
    "Kobako::ServiceArgumentError",
];

fn clip(bytes: &[u8]) -> String {
    if bytes.len() <= MAX_MESSAGE_TEXT {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut text = String::from_utf8_lossy(&bytes[..MAX_MESSAGE_TEXT]).into_owned();
    text.push_str("... (truncated)");
    text
}

pub fn encode_failure(e: &EncodeError) -> Failure {
    Failure::sandbox(e.class(), e.message(), Vec::new())
}
