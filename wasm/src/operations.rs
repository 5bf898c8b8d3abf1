//! What one frame asks for, run in the booted interpreter: evaluate source,
//! call an entrypoint, compile to bytecode, replay snippets (docs/wire.md).

use crate::decode::{decode_enveloped, ValueSink};
use crate::encode::encode;
use crate::failure::{encode_failure, exception_failure};
use crate::limits::{ENVELOPE_REQUEST, MAX_MESSAGE};
use crate::mruby::{Interp, Ran};
use crate::outcome::{self, Failure};
use crate::rite;
use std::ffi::CString;

pub fn verify_snippets(snippets: &[(String, serde_bytes::ByteBuf, bool)]) -> Option<Failure> {
    snippets
        .iter()
        .filter(|(_, _, check)| *check)
        .find_map(|(label, bytecode, _)| {
            rite::verify(bytecode).err().map(|e| {
                let message = format!("preloaded bytecode {label} is invalid: {e}");
                Failure::sandbox("Kobako::BytecodeError", message, Vec::new())
            })
        })
}

/// Runs one snippet's top level; the error outcome if it raised.
pub fn replay(mrb: Interp, label: &str, bytecode: &[u8]) -> Option<Vec<u8>> {
    let ran = mrb.run_bytecode(bytecode);
    match ran.status {
        0 => None,
        3 => Some(outcome::err(&Failure::sandbox(
            "Kobako::BytecodeError",
            format!("preloaded bytecode {label} could not be loaded by mruby"),
            Vec::new(),
        ))),
        _ => {
            let mut failure = exception_failure(&mrb, &ran.value);
            // Bytecode without debug info leaves no file in the backtrace.
            let frame = format!("(snippet:{label})");
            if !failure.backtrace.iter().any(|l| l.starts_with(&frame)) {
                failure.backtrace.push(frame);
            }
            Some(outcome::err(&failure))
        }
    }
}

/// Source → RITE bytecode, as an ok outcome holding a binary String.
pub fn compile(mrb: Interp, src: &[u8], filename: &str, debug: bool) -> Vec<u8> {
    let Ok(c_name) = CString::new(filename) else {
        return outcome::malformed("filename contains a NUL byte".into());
    };
    finish(mrb, &mrb.compile(src, &c_name, debug), filename)
}

/// Evaluates `src` as the file `filename` (messages and backtraces name it).
pub fn run(mrb: Interp, src: &[u8], filename: &str) -> Vec<u8> {
    let Ok(c_name) = CString::new(filename) else {
        return outcome::malformed("filename contains a NUL byte".into());
    };
    finish(mrb, &mrb.eval_source(src, &c_name), filename)
}

/// `Target.call(*args, **kwargs)` through `Kobako.__run` (prelude).
pub fn run_entrypoint(mrb: Interp, target: &str, args: &[u8]) -> Vec<u8> {
    let mut b = mrb.builder();
    let args = match decode_enveloped(&mut b, args, ENVELOPE_REQUEST) {
        Ok(v) => v,
        Err(e) => return outcome::malformed(format!("#run arguments: {}", e.message())),
    };
    let request = b.array(2);
    let name = b.str(target);
    b.push(&request, name);
    b.push(&request, args);
    finish(mrb, &mrb.run_entrypoint(&request), "")
}

/// The outcome for a protected run's status (see shim.c).
fn finish(interp: Interp, ran: &Ran, file: &str) -> Vec<u8> {
    let (result, line) = (&ran.value, ran.line);
    match ran.status {
        0 => {}
        2 => {
            let message = interp.string(result).map(String::from_utf8_lossy);
            return outcome::err(&Failure::sandbox(
                "SyntaxError",
                message.unwrap_or_default().into_owned(),
                vec![format!("{file}:{line}")],
            ));
        }
        _ => return outcome::err(&exception_failure(&interp, result)),
    }
    let mut out = outcome::ok_header();
    match encode(&interp, result, &mut out, MAX_MESSAGE) {
        Ok(()) => out,
        Err(e) => outcome::err(&encode_failure(&e)),
    }
}
