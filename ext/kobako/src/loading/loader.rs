//! Turning a `.wasm` path into a ready `Loaded` artifact: read, compile,
//! link, check the ABI. Results are cached for the life of the process, keyed
//! by canonical path, size and mtime, so rebuilding the file is noticed;
//! compiled code is also kept on disk across processes (disk_cache.rs).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use wasmtime::{Engine, Module};

use crate::error::KobakoError;
use crate::loading::abi;
use crate::loading::disk_cache;
use crate::loading::engine;
use crate::loading::linker;
use crate::loading::loaded::{self, Loaded};
use crate::loading::probe;

const WASM_MAGIC: &[u8] = b"\0asm";

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    path: PathBuf,
    size: u64,
    mtime: Option<SystemTime>,
}

/// Never held while compiling, so a fork can not inherit it locked for long.
static CACHE: Mutex<Option<HashMap<CacheKey, Arc<Loaded>>>> = Mutex::new(None);

/// The file's identity, read cheaply (no contents).
pub fn cache_key(path: &str) -> Result<CacheKey, KobakoError> {
    let unreadable =
        |e: std::io::Error| KobakoError::Setup(format!("cannot read guest artifact {path}: {e}"));
    let canonical = fs::canonicalize(path).map_err(unreadable)?;
    let metadata = fs::metadata(&canonical).map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(KobakoError::Setup(format!(
            "guest artifact {path} is not a file"
        )));
    }
    Ok(CacheKey {
        path: canonical,
        size: metadata.len(),
        mtime: metadata.modified().ok(),
    })
}

pub fn cached(key: &CacheKey) -> Option<Arc<Loaded>> {
    let cache = CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.as_ref()?.get(key).cloned()
}

pub fn remember(key: CacheKey, loaded: Arc<Loaded>) {
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache.get_or_insert_with(HashMap::new).insert(key, loaded);
}

/// Compiles (or reads from the disk cache in `cache_dir`) and checks the
/// artifact. Slow (Cranelift): call without the GVL.
pub fn load(key: &CacheKey, cache_dir: Option<&Path>) -> Result<Loaded, KobakoError> {
    let started = Instant::now();
    let engine = engine::engine().map_err(KobakoError::Setup)?;
    let (module, origin) = compile(engine, &key.path, cache_dir)?;
    let seconds = started.elapsed().as_secs_f64();
    let exports = abi::check_shape(&module)?;
    let pre = linker::build(engine)?
        .instantiate_pre(&module)
        .map_err(|e| {
            KobakoError::Setup(format!(
                "cannot link guest artifact {}: {e:#}",
                key.path.display()
            ))
        })?;
    let mut loaded = Loaded {
        pre,
        exports,
        abi_version: 0,
        origin,
        seconds,
        id: loaded::next_id(),
    };
    loaded.abi_version = probe::abi_version(&loaded)?;
    abi::check_version(loaded.abi_version)?;
    Ok(loaded)
}

fn compile(
    engine: &Engine,
    path: &Path,
    cache_dir: Option<&Path>,
) -> Result<(Module, disk_cache::Origin), KobakoError> {
    let shown = path.display();
    let bytes = fs::read(path)
        .map_err(|e| KobakoError::Setup(format!("cannot read guest artifact {shown}: {e}")))?;
    if !bytes.starts_with(WASM_MAGIC) {
        return Err(KobakoError::Setup(format!(
            "guest artifact {shown} is not a WebAssembly module"
        )));
    }
    disk_cache::module(engine, &bytes, cache_dir)
        .map_err(|e| KobakoError::Setup(format!("guest artifact {shown} does not compile: {e:#}")))
}
