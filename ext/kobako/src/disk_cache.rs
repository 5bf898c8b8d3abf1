//! Compiled modules cached on disk, so a new process deserializes the guest
//! in milliseconds instead of compiling it for a second or more.
//!
//! Location: `$XDG_CACHE_HOME/kobako` or `~/.cache/kobako`; used only when it
//! is a real directory owned by this user with no group/other access, since
//! loading a file from it means running its machine code. Key: SHA-256 of the
//! wasm bytes plus the engine's compatibility hash. Files are written under a
//! temporary name and renamed into place. Any problem falls back, silently, to
//! compiling.

use std::fs::{self, DirBuilder, OpenOptions};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use wasmtime::{Engine, Module};

/// The module for `wasm`: from the cache, or compiled (and then cached).
pub fn module(engine: &Engine, wasm: &[u8]) -> wasmtime::Result<Module> {
    let Some(dir) = cache_dir() else {
        return Module::new(engine, wasm);
    };
    let path = dir.join(format!("{}.cwasm", key(engine, wasm)));
    // SAFETY: the directory is private to this user (checked by `cache_dir`)
    // and files enter it only by renaming a complete serialization into place;
    // wasmtime itself rejects files from another version or configuration.
    if let Ok(module) = unsafe { Module::deserialize_file(engine, &path) } {
        return Ok(module);
    }
    let module = Module::new(engine, wasm)?;
    let _ = store(&dir, &path, &module);
    Ok(module)
}

fn cache_dir() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from) {
        Some(xdg) if xdg.is_absolute() => xdg,
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
    };
    let dir = base.join("kobako");
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .ok()?;
    let metadata = fs::symlink_metadata(&dir).ok()?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let private = metadata.is_dir()
        && metadata.uid() == unsafe { libc::geteuid() }
        && metadata.mode() & 0o077 == 0;
    private.then_some(dir)
}

fn key(engine: &Engine, wasm: &[u8]) -> String {
    let digest = Sha256::digest(wasm);
    let mut engine_hash = DefaultHasher::new();
    engine
        .precompile_compatibility_hash()
        .hash(&mut engine_hash);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{hex}-{:016x}", engine_hash.finish())
}

fn store(dir: &Path, path: &Path, module: &Module) -> io::Result<()> {
    let bytes = module.serialize().map_err(io::Error::other)?;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let temporary = dir.join(format!(".{}.{nanos}.tmp", std::process::id()));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(&bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}
