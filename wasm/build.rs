//! Joins the guest's Ruby prelude (`mrblib/*.rb`) into one source, links the
//! guest against libmruby and the C glue that wasm/build.rb built under
//! build/, and makes the cdylib a WASI reactor.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    join_prelude();
    // Host builds (cargo test of the codec) link nothing from C.
    if std::env::var("TARGET").as_deref() != Ok("wasm32-wasip1") {
        return;
    }
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("..");
    let mruby = root.join("build/mruby/out/wasm32-wasip1/lib");
    let glue = root.join("build/guest-c");
    for dir in [&mruby, &glue] {
        println!("cargo:rustc-link-search=native={}", dir.display());
    }
    println!(
        "cargo:rerun-if-changed={}",
        mruby.join("libmruby.a").display()
    );
    println!(
        "cargo:rerun-if-changed={}",
        glue.join("libkobako_c.a").display()
    );
    println!("cargo:rustc-link-lib=static=kobako_c");
    println!("cargo:rustc-link-lib=static=mruby");
    // Oniguruma (wasm/onig_build.rb) after mruby: the Regexp gem inside
    // libmruby calls into it.
    let onig = root.join("build/onig");
    println!("cargo:rustc-link-search=native={}", onig.display());
    println!(
        "cargo:rerun-if-changed={}",
        onig.join("libonig.a").display()
    );
    println!("cargo:rustc-link-lib=static=onig");

    // Stable Rust makes a cdylib for wasm32-wasip1 a "command" that reruns
    // constructors around every export; Rust's own reactor crt avoids that.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let sysroot = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .expect("rustc --print sysroot");
    let sysroot = String::from_utf8(sysroot.stdout).unwrap();
    let crt = PathBuf::from(sysroot.trim())
        .join("lib/rustlib/wasm32-wasip1/lib/self-contained/crt1-reactor.o");
    println!("cargo:rustc-cdylib-link-arg={}", crt.display());
    // The C stack lives below the heap's data: an overflow runs off address
    // 0 and traps instead of silently overwriting statics.
    println!("cargo:rustc-cdylib-link-arg=--stack-first");
    println!("cargo:rustc-cdylib-link-arg=-zstack-size=4194304");
}

/// `mrblib/prelude.rb` first (it defines the output layer the others may
/// use), then every other `mrblib/*.rb` in name order, as one source that
/// the guest evaluates at boot (interp.rs). Each part keeps its own file's
/// name in a comment line so a boot failure can be traced.
fn join_prelude() {
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("mrblib");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("wasm/mrblib")
        .map(|entry| entry.expect("wasm/mrblib entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rb"))
        .collect();
    files.sort_by_key(|path| {
        (
            path.file_name().is_none_or(|n| n != "prelude.rb"),
            path.clone(),
        )
    });
    let mut joined = String::new();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        joined.push_str(&format!("# ---- mrblib/{name}\n"));
        joined.push_str(&std::fs::read_to_string(&path).expect("mrblib source"));
        joined.push('\n');
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("prelude.rb");
    std::fs::write(out, joined).expect("write the joined prelude");
}
