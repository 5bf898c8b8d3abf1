//! The one interpreter of this instance: booted at build time (baked into
//! the artifact by the pre-initializer), used by `kobako_eval`.

use crate::decode::{decode, ValueSink};
use crate::encode::{encode, EncodeError};
use crate::frame::{Frame, Op};
use crate::limits::MAX_MESSAGE;
use crate::mruby::{self, Builder, Interp, Value};
use crate::outcome::{self, Failure};
use crate::rite;
use std::cell::UnsafeCell;
use std::ffi::{c_int, CString};

const PRELUDE: &str = include_str!("../mrblib/prelude.rb");

pub struct State {
    pub mrb: *mut mruby::MrbState,
    outcome: Vec<u8>,
    /// The last `kobako_yield` reply, read by the host right after the call.
    pub yield_reply: Vec<u8>,
}

/// Single-threaded global: a wasm32-wasip1 instance has one thread, and the
/// host never re-enters an export while another runs.
struct Global(UnsafeCell<State>);
unsafe impl Sync for Global {}

static STATE: Global = Global(UnsafeCell::new(State {
    mrb: std::ptr::null_mut(),
    outcome: Vec::new(),
    yield_reply: Vec::new(),
}));

pub fn state() -> &'static mut State {
    unsafe { &mut *STATE.0.get() }
}

/// Opens mruby and runs the prelude. Traps if that fails: a guest that cannot
/// boot must not be baked.
pub fn boot() {
    let s = state();
    if !s.mrb.is_null() {
        return;
    }
    assert_eq!(
        unsafe { mruby::kobako_value_size() },
        std::mem::size_of::<Value>()
    );
    let mrb = unsafe { mruby::kobako_boot(PRELUDE.as_ptr(), PRELUDE.len()) };
    assert!(!mrb.is_null(), "kobako guest failed to boot");
    s.mrb = mrb;
}

pub fn outcome() -> &'static [u8] {
    &state().outcome
}

/// Runs one frame and leaves its outcome for `kobako_outcome`.
pub fn eval(frame: &[u8]) {
    boot();
    let mrb = state().mrb;
    let arena = unsafe { mruby::kobako_gc_arena_save(mrb) };
    let outcome = match Frame::decode(frame) {
        Ok(frame) => invoke(mrb, &frame),
        Err(message) => malformed(message),
    };
    unsafe { mruby::kobako_gc_arena_restore(mrb, arena) };
    state().outcome = outcome;
}

fn malformed(message: String) -> Vec<u8> {
    outcome::err(&Failure::sandbox("ArgumentError", message, Vec::new()))
}

fn invoke(mrb: *mut mruby::MrbState, frame: &Frame) -> Vec<u8> {
    let op = match frame.op() {
        Ok(op) => op,
        Err(message) => return malformed(message),
    };
    if let Op::Compile(src, filename, debug) = op {
        return compile(mrb, src, filename, debug);
    }
    // Every preloaded binary is checked before any code runs (docs/bytecode.md).
    if let Some(failure) = verify_snippets(&frame.snippets) {
        return outcome::err(&failure);
    }
    unsafe { mruby::kobako_seed_random(mrb) };
    if let Some(failed) = bind_services(mrb, frame) {
        return failed;
    }
    for (label, bytecode, _) in &frame.snippets {
        if let Some(failed) = replay(mrb, label, bytecode) {
            return failed;
        }
    }
    match op {
        Op::Eval(src) => run(mrb, src),
        Op::Run(target, args) => run_entrypoint(mrb, target, args),
        Op::Compile(..) => unreachable!("handled above"),
    }
}

/// Makes `NS::Member` exist for this invocation; the error outcome if not.
fn bind_services(mrb: *mut mruby::MrbState, frame: &Frame) -> Option<Vec<u8>> {
    if frame.services.is_empty() {
        return None;
    }
    let mut b = Builder(mrb);
    let list = b.array(frame.services.len());
    for (ns, member, methods) in &frame.services {
        let entry = b.array(3);
        let (ns, member) = (b.str(ns), b.str(member));
        b.push(&entry, ns);
        b.push(&entry, member);
        let names = b.array(methods.len());
        for m in methods {
            let m = b.str(m);
            b.push(&names, m);
        }
        b.push(&entry, names);
        b.push(&list, entry);
    }
    let mut result = Value::zeroed();
    let failed =
        unsafe { mruby::kobako_call_kobako(mrb, c"__bind_all".as_ptr(), &list, &mut result) };
    (failed != 0).then(|| outcome::err(&exception_failure(&Interp(mrb), &result)))
}

fn verify_snippets(snippets: &[(String, serde_bytes::ByteBuf, bool)]) -> Option<Failure> {
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
fn replay(mrb: *mut mruby::MrbState, label: &str, bytecode: &[u8]) -> Option<Vec<u8>> {
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
fn compile(mrb: *mut mruby::MrbState, src: &[u8], filename: &str, debug: bool) -> Vec<u8> {
    let Ok(c_name) = CString::new(filename) else {
        return malformed("filename contains a NUL byte".into());
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

fn run(mrb: *mut mruby::MrbState, src: &[u8]) -> Vec<u8> {
    let mut result = Value::zeroed();
    let mut line = 0;
    let status = unsafe {
        mruby::kobako_eval_source(
            mrb,
            src.as_ptr(),
            src.len(),
            c"(eval)".as_ptr(),
            &mut result,
            &mut line,
        )
    };
    finish(mrb, status, &result, "(eval)", line)
}

/// `Target.call(*args, **kwargs)` through `Kobako.__run` (prelude).
fn run_entrypoint(mrb: *mut mruby::MrbState, target: &str, args: &[u8]) -> Vec<u8> {
    let mut b = Builder(mrb);
    let args = match decode(&mut b, args) {
        Ok(v) => v,
        Err(e) => return malformed(format!("#run arguments: {}", e.message())),
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

/// Guest-controlled text is clipped so an error outcome always fits the wire.
const MAX_MESSAGE_TEXT: usize = 64 << 10;
const MAX_BACKTRACE_LINES: usize = 64;

fn exception_failure(interp: &Interp, exc: &Value) -> Failure {
    let (mut message, mut backtrace) = (Value::zeroed(), Value::zeroed());
    unsafe { mruby::kobako_exception_info(interp.0, exc, &mut message, &mut backtrace) };
    let text = |v: &Value| interp.string(v).map(clip);
    let class = interp.class_name(exc);
    let mut failure = Failure::sandbox(
        class,
        text(&message).unwrap_or_default(),
        interp
            .array(&backtrace)
            .iter()
            .filter_map(text)
            // Frames of kobako's own prelude say nothing about the script.
            .filter(|line| !line.starts_with("(kobako)"))
            .take(MAX_BACKTRACE_LINES)
            .collect(),
    );
    // A Service failure the script did not rescue is reported as the host's.
    if SERVICE_ERRORS.contains(&class) {
        failure.origin = "service";
    }
    failure
}

const SERVICE_ERRORS: [&str; 3] = [
    "Kobako::ServiceError",
    "Kobako::NoServiceError",
    "Kobako::ServiceArgumentError",
];

fn clip(bytes: &[u8]) -> String {
    if bytes.len() <= MAX_MESSAGE_TEXT {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut text = String::from_utf8_lossy(&bytes[..MAX_MESSAGE_TEXT]).into_owned();
    text.push_str("... (truncated)");
    text
}

fn encode_failure(e: &EncodeError) -> Failure {
    Failure::sandbox(e.class(), e.message(), Vec::new())
}
