//! The per-invocation settings the Ruby side passes to `invoke`: a frozen
//! `Kobako::SandboxOptions`, read through its named readers (docs/native.md,
//! "The typed seam"), never by position.

use magnus::{prelude::*, Error, RClass, RModule, Ruby, Value};

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
    /// From a `Kobako::SandboxOptions` (anything else is an ArgumentError).
    pub fn from_ruby(ruby: &Ruby, options: Value) -> Result<Self, Error> {
        let kobako: RModule = ruby.class_object().const_get("Kobako")?;
        let class: RClass = kobako.const_get("SandboxOptions")?;
        if !options.is_kind_of(class) {
            return Err(Error::new(
                ruby.exception_arg_error(),
                "invoke config must be a Kobako::SandboxOptions",
            ));
        }
        let permissive: Value = options.funcall("permissive?", ())?;
        let release_gvl: Value = options.funcall("release_gvl?", ())?;
        Ok(Self {
            timeout: options.funcall("timeout", ())?,
            memory_limit: options.funcall("native_memory_limit", ())?,
            stdout_limit: options.funcall("native_stdout_limit", ())?,
            stderr_limit: options.funcall("native_stderr_limit", ())?,
            profile: if permissive.to_bool() {
                Profile::Permissive
            } else {
                Profile::Hermetic
            },
            release_gvl: release_gvl.to_bool(),
        })
    }
}
