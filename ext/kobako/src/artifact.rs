//! `Kobako::Native::Artifact`: a loaded guest, ready to be instantiated.
//! Instances share the compiled module through the process-wide cache.

use std::path::Path;
use std::sync::Arc;

use magnus::{Error, RString, Ruby, Value};

use crate::config::InvokeConfig;
use crate::error::KobakoError;
use crate::invocation;
use crate::invocation::gvl::{self, NoGvlError};
use crate::loading::loaded::Loaded;
use crate::loading::loader;
use crate::loading::probe;
use crate::preamble::Preamble;

#[magnus::wrap(class = "Kobako::Native::Artifact", free_immediately, size)]
pub struct Artifact(Arc<Loaded>);

impl Artifact {
    /// `Artifact.load(path, cache_dir)`: from the process's cache, or
    /// loaded without the GVL (from the disk cache in `cache_dir`, a String
    /// or nil for none, or compiled).
    pub fn load(ruby: &Ruby, path: String, cache_dir: Option<String>) -> Result<Self, Error> {
        let key = loader::cache_key(&path).map_err(|e| e.into_raise(ruby))?;
        if let Some(loaded) = loader::cached(&key) {
            return Ok(Self(loaded));
        }
        let dir = cache_dir.as_deref().map(Path::new);
        let loaded = match gvl::call_without_gvl(None, || loader::load(&key, dir)) {
            Ok(Ok(loaded)) => Arc::new(loaded),
            Ok(Err(error)) => return Err(error.into_raise(ruby)),
            Err(NoGvlError::Ruby(error)) => return Err(error),
            Err(NoGvlError::Panic(message)) => {
                return Err(KobakoError::Setup(format!(
                    "internal error while loading {path}: {message}"
                ))
                .into_raise(ruby))
            }
        };
        loader::remember(key, loaded.clone());
        Ok(Self(loaded))
    }

    pub fn abi_version(&self) -> i32 {
        self.0.abi_version
    }

    /// `[origin, seconds]` of the load that made this module:
    /// "disk_cache", "compiled_and_cached" or "compiled".
    pub fn load_info(&self) -> (&'static str, f64) {
        (self.0.origin.name(), self.0.seconds)
    }

    /// The benchmark floor (benchmark/README.md): a fresh Store and instance
    /// of this artifact and one call of its most trivial export, nothing else
    /// of an invocation. Holds the GVL; returns the ABI version it read.
    pub fn floor_probe(ruby: &Ruby, rb_self: &Self) -> Result<i32, Error> {
        probe::abi_version(&rb_self.0).map_err(|e| e.into_raise(ruby))
    }

    /// `artifact.invoke(frame, label, config, dispatcher)`; see docs/native.md.
    pub fn invoke(
        ruby: &Ruby,
        rb_self: &Self,
        frame: RString,
        label: String,
        config: Value,
        dispatcher: Option<Value>,
    ) -> Result<Value, Error> {
        let config = InvokeConfig::from_ruby(ruby, config)?;
        invocation::invoke(ruby, &rb_self.0, frame, &label, &config, dispatcher, None)
    }

    /// `artifact.invoke_prepared(frame, label, config, dispatcher, preamble)`:
    /// `frame` holds the operation alone; the Services and snippets come from
    /// the `Native::Preamble` (snapshot or replay, preamble.rs).
    pub fn invoke_prepared(
        ruby: &Ruby,
        rb_self: &Self,
        frame: RString,
        label: String,
        config: Value,
        dispatcher: Option<Value>,
        preamble: &Preamble,
    ) -> Result<Value, Error> {
        let config = InvokeConfig::from_ruby(ruby, config)?;
        invocation::invoke(
            ruby,
            &rb_self.0,
            frame,
            &label,
            &config,
            dispatcher,
            Some(preamble),
        )
    }
}
