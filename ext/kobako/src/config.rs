//! The per-invocation settings the Ruby side passes to `invoke`.

use magnus::{prelude::*, Error, RArray, Ruby, Value};

use crate::wasi::profile::Profile;

pub struct InvokeConfig {
    pub timeout: Option<f64>,
    pub memory_limit: Option<u64>,
    pub stdout_limit: Option<usize>,
    pub stderr_limit: Option<usize>,
    pub profile: Profile,
    pub release_gvl: bool,
}

impl InvokeConfig {
    /// From `[timeout, memory_limit, stdout_limit, stderr_limit, permissive, release_gvl]`.
    pub fn from_ruby(ruby: &Ruby, config: RArray) -> Result<Self, Error> {
        if config.len() != 6 {
            return Err(Error::new(
                ruby.exception_arg_error(),
                format!("invoke config must have 6 entries, got {}", config.len()),
            ));
        }
        let permissive: Value = config.entry(4)?;
        let release_gvl: Value = config.entry(5)?;
        Ok(Self {
            timeout: config.entry(0)?,
            memory_limit: config.entry(1)?,
            stdout_limit: config.entry(2)?,
            stderr_limit: config.entry(3)?,
            profile: if permissive.to_bool() {
                Profile::Permissive
            } else {
                Profile::Hermetic
            },
            release_gvl: release_gvl.to_bool(),
        })
    }
}
