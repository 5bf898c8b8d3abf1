//! Every way the extension can fail, and the one place that turns a failure
//! into a Ruby exception.

use magnus::{prelude::*, Error, ExceptionClass, RModule, Ruby};

/// Failures of loading an artifact or running one invocation.
#[derive(Clone, Debug, thiserror::Error)]
pub enum KobakoError {
    /// The artifact is unusable: unreadable, not wasm, not a kobako guest,
    /// wrong ABI version.
    #[error("{0}")]
    Setup(String),

    /// The wall-clock deadline passed while the guest (or a Service it
    /// called) was running.
    #[error("wall-clock deadline exceeded (timeout {seconds}s)")]
    Timeout { seconds: f64 },

    /// `memory.grow` asked for more than `memory_limit` over the entry
    /// baseline.
    #[error("memory limit exceeded: requested {requested} bytes, limit {limit} bytes")]
    MemoryLimit { requested: u64, limit: u64 },

    /// `Thread#kill`, `Thread#raise` or `Timeout.timeout` stopped the guest.
    #[error("interrupted")]
    Interrupted,

    /// The dispatcher raised; the Ruby exception itself is reported instead of
    /// this placeholder, which only unwinds the guest.
    #[error("Service dispatcher raised")]
    DispatcherRaised,

    /// The outcome region is missing, out of bounds or oversized.
    #[error("corrupted outcome: {0}")]
    CorruptedOutcome(String),

    /// Any other engine trap or broken guest contract.
    #[error("{0}")]
    Trap(String),
}

impl KobakoError {
    /// Name of the `Kobako::` exception class this failure is raised as.
    fn ruby_class_name(&self) -> &'static str {
        match self {
            KobakoError::Setup(_) => "SetupError",
            KobakoError::Timeout { .. } => "TimeoutError",
            KobakoError::MemoryLimit { .. } => "MemoryLimitError",
            KobakoError::Interrupted
            | KobakoError::DispatcherRaised
            | KobakoError::CorruptedOutcome(_)
            | KobakoError::Trap(_) => "TrapError",
        }
    }

    /// The exception as a Ruby object, message prefixed with `label`
    /// ("Sandbox#eval failed: ...") when given.
    pub fn to_exception(
        &self,
        ruby: &Ruby,
        label: Option<&str>,
    ) -> Result<magnus::Exception, Error> {
        let message = match label {
            Some(label) => format!("{label} failed: {self}"),
            None => self.to_string(),
        };
        kobako_class(ruby, self.ruby_class_name())?.new_instance((message,))
    }

    /// The exception ready to be raised by a method returning `Result`.
    pub fn into_raise(self, ruby: &Ruby) -> Error {
        match self.to_exception(ruby, None) {
            Ok(exception) => exception.into(),
            Err(error) => error,
        }
    }
}

/// `Kobako::<name>`, defined by lib/kobako/errors.rb before the extension is
/// required; looked up when needed so the Ruby side owns the hierarchy.
fn kobako_class(ruby: &Ruby, name: &str) -> Result<ExceptionClass, Error> {
    let kobako: RModule = ruby.class_object().const_get("Kobako")?;
    kobako.const_get(name)
}
