//! Compiled modules cached on disk, so a new process deserializes the guest
//! in milliseconds instead of compiling it for a second or more.
//!
//! Location: chosen by the Ruby side (`Kobako.configuration.cache_dir`:
//! `$KOBAKO_CACHE_DIR`, else `$XDG_CACHE_HOME/kobako` or `~/.cache/kobako`;
//! none when turned off; docs/deployment.md). Only the directory itself is
//! created (mode 0700), never a missing parent. It is used only when it
//! is a real directory owned by this user with no group/other access, since
//! loading a file from it means running its machine code. Key: SHA-256 of the
//! wasm bytes plus the engine's compatibility hash. Files are written under a
//! temporary name and renamed into place, and end with a CRC-32 of their body:
//! wasmtime checks a serialized module's header and metadata but not its
//! machine code, so a damaged file must be caught before it is mapped. Stale
//! entries are pruned whenever a new one is written. Any problem falls back,
//! silently, to compiling.

use std::fs::{self, DirBuilder, File, FileTimes, OpenOptions};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use wasmtime::{Engine, Module};

const EXTENSION: &str = "cwasm";
const CHECKSUM_LEN: usize = 4;
/// Entries not used for this long are removed when a new one is written.
const STALE_AFTER: Duration = Duration::from_secs(14 * 24 * 3600);
/// A temporary file this old belongs to a writer that died.
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// Where a module came from, for the load log line (lib/kobako/artifact.rb).
#[derive(Clone, Copy)]
pub enum Origin {
    /// Deserialized from the disk cache.
    Disk,
    /// Compiled, then written to the disk cache.
    CompiledAndStored,
    /// Compiled; the disk cache is off, unusable, or could not be written.
    Compiled,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::Disk => "disk_cache",
            Origin::CompiledAndStored => "compiled_and_cached",
            Origin::Compiled => "compiled",
        }
    }
}

/// The module for `wasm`: from the cache in `dir`, or compiled (and then
/// cached). `dir` None: no disk cache.
pub fn module(
    engine: &Engine,
    wasm: &[u8],
    dir: Option<&Path>,
) -> wasmtime::Result<(Module, Origin)> {
    let Some(dir) = dir.and_then(cache_dir) else {
        return Ok((Module::new(engine, wasm)?, Origin::Compiled));
    };
    let path = dir.join(format!("{}.{EXTENSION}", key(engine, wasm)));
    if let Some(module) = load(engine, &path) {
        return Ok((module, Origin::Disk));
    }
    let module = Module::new(engine, wasm)?;
    if store(&dir, &path, &module).is_ok() {
        prune(&dir, &path);
        return Ok((module, Origin::CompiledAndStored));
    }
    Ok((module, Origin::Compiled))
}

/// `dir` if it is (or, its parent existing, could be made) a private
/// directory of this user.
fn cache_dir(dir: &Path) -> Option<PathBuf> {
    if !dir.is_absolute() {
        return None;
    }
    // Not recursive: a missing parent (an unset-up $HOME, a typo in
    // KOBAKO_CACHE_DIR) means no disk cache, not a tree of new directories.
    match DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(_) => return None,
    }
    let dir = dir.to_path_buf();
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

/// A cached module, or None (missing, damaged, or from another wasmtime).
/// A damaged file is removed so the next writer replaces it.
fn load(engine: &Engine, path: &Path) -> Option<Module> {
    let intact = fs::read(path)
        .ok()
        .is_some_and(|bytes| verified_body(&bytes).is_some());
    if !intact {
        let _ = fs::remove_file(path);
        return None;
    }
    // Mapped rather than copied (~2.5 ms less per process). wasmtime reads
    // the ELF image through its headers and ignores the 4-byte trailer; if a
    // future version did not, this would fail and fall back to compiling
    // (test/disk_cache_test.rb checks that a hit never recompiles).
    // SAFETY: the directory is private to this user (checked by `cache_dir`),
    // files enter it only by renaming a complete serialization into place, and
    // the checksum matched; wasmtime itself rejects files from another version
    // or configuration.
    let module = unsafe { Module::deserialize_file(engine, path) }.ok()?;
    touch(path);
    Some(module)
}

fn verified_body(bytes: &[u8]) -> Option<&[u8]> {
    let split = bytes.len().checked_sub(CHECKSUM_LEN)?;
    let (body, checksum) = bytes.split_at(split);
    (crc32fast::hash(body).to_le_bytes() == checksum).then_some(body)
}

/// Marks an entry as in use, so pruning keeps it.
fn touch(path: &Path) {
    if let Ok(file) = File::options().write(true).open(path) {
        let _ = file.set_times(FileTimes::new().set_modified(SystemTime::now()));
    }
}

fn store(dir: &Path, path: &Path, module: &Module) -> io::Result<()> {
    let mut bytes = module.serialize().map_err(io::Error::other)?;
    let checksum = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&checksum.to_le_bytes());
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

/// Removes entries unused for `STALE_AFTER` (other kobako versions, other
/// wasmtime builds) and temporary files abandoned by dead writers.
fn prune(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok());
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = if name.starts_with('.') && name.ends_with(".tmp") {
            age.is_some_and(|a| a > ABANDONED_AFTER)
        } else {
            path.extension().is_some_and(|e| e == EXTENSION)
                && path != keep
                && age.is_some_and(|a| a > STALE_AFTER)
        };
        if stale {
            let _ = fs::remove_file(&path);
        }
    }
}
