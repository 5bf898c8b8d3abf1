//! What one frame asks for, run in the booted interpreter: evaluate source,
//! call an entrypoint, compile to bytecode, replay snippets (docs/wire.md).

use crate::decode::{decode_enveloped, ValueSink};
use crate::encode::encode;
use crate::failure::{encode_failure, exception_failure};
use crate::limits::{ENVELOPE_REQUEST, MAX_MESSAGE};
use crate::mruby::{self, Builder, Interp, Value};
use crate::outcome::{self, Failure};
use crate::rite;
use std::ffi::{c_int, CString};

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
pub fn replay(mrb: *mut mruby::MrbState, label: &str, bytecode: &[u8]) -> Option<Vec<u8>> {
    let mut result = Value::zeroed();
    let status =
        unsafe { mruby::kobako_run_bytecode(mrb, bytecode.as_ptr(), bytecode.len(), &mut result) };
    match status {
        0 => None,
        3 => Some(outcome::err(&Failure::sandbox(
            "Kobako::BytecodeError",
            format!("preloaded bytecode {label} could not be loaded by mruby"),
            Vec::new(),
        ))),
        _ => {
            let mut failure = exception_failure(&Interp(mrb), &result);
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
pub fn compile(mrb: *mut mruby::MrbState, src: &[u8], filename: &str, debug: bool) -> Vec<u8> {
    let Ok(c_name) = CString::new(filename) else {
        return outcome::malformed("filename contains a NUL byte".into());
    };
    let mut result = Value::zeroed();
    let mut line = 0;
    let status = unsafe {
        mruby::kobako_compile(
            mrb,
            src.as_ptr(),
            src.len(),
            c_name.as_ptr(),
            c_int::from(debug),
            &mut result,
            &mut line,
        )
    };
    finish(mrb, status, &result, filename, line)
}

/// Evaluates `src` as the file `filename` (messages and backtraces name it).
pub fn run(mrb: *mut mruby::MrbState, src: &[u8], filename: &str) -> Vec<u8> {
    let Ok(c_name) = CString::new(filename) else {
        return outcome::malformed("filename contains a NUL byte".into());
    };
    let mut result = Value::zeroed();
    let mut line = 0;
    let status = unsafe {
        mruby::kobako_eval_source(
            mrb,
            src.as_ptr(),
            src.len(),
            c_name.as_ptr(),
            &mut result,
            &mut line,
        )
    };
    finish(mrb, status, &result, filename, line)
}

/// `Target.call(*args, **kwargs)` through `Kobako.__run` (prelude).
pub fn run_entrypoint(mrb: *mut mruby::MrbState, target: &str, args: &[u8]) -> Vec<u8> {
    let mut b = Builder(mrb);
    let args = match decode_enveloped(&mut b, args, ENVELOPE_REQUEST) {
        Ok(v) => v,
        Err(e) => return outcome::malformed(format!("#run arguments: {}", e.message())),
    };
    let request = b.array(2);
    let name = b.str(target);
    b.push(&request, name);
    b.push(&request, args);
    let mut result = Value::zeroed();
    let status = unsafe { mruby::kobako_run_entrypoint(mrb, &request, &mut result) };
    finish(mrb, status, &result, "", 0)
}

/// The outcome for a protected run's status (see shim.c).
fn finish(
    mrb: *mut mruby::MrbState,
    status: c_int,
    result: &Value,
    file: &str,
    line: c_int,
) -> Vec<u8> {
    let interp = Interp(mrb);
    match status {
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
