//! Empty: this crate only names onig_sys so `cargo fetch` downloads the
//! Oniguruma source for wasm/build.rb. It is never compiled.
