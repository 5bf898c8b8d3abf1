//! Links the guest against libmruby and the C glue that wasm/build.rb built
//! under build/, and makes the cdylib a WASI reactor.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
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
