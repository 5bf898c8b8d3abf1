//! The one interpreter of this instance: booted at build time (baked into
//! the artifact by the pre-initializer), used by `kobako_eval`.

use crate::decode::ValueSink;
use crate::encode::{encode, EncodeError};
use crate::frame::Frame;
use crate::limits::MAX_MESSAGE;
use crate::mruby::{self, Builder, Interp, Value};
use crate::outcome::{self, Failure};
use std::cell::UnsafeCell;

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
        Ok(frame) => bind_services(mrb, &frame).unwrap_or_else(|| run(mrb, &frame.src)),
        Err(message) => outcome::err(&Failure::sandbox("ArgumentError", message, Vec::new())),
    };
    unsafe { mruby::kobako_gc_arena_restore(mrb, arena) };
    state().outcome = outcome;
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

fn run(mrb: *mut mruby::MrbState, src: &[u8]) -> Vec<u8> {
    let interp = Interp(mrb);
    let mut result = Value::zeroed();
    let mut line = 0;
    let status = unsafe {
        mruby::kobako_seed_random(mrb);
        mruby::kobako_eval_source(
            mrb,
            src.as_ptr(),
            src.len(),
            c"(eval)".as_ptr(),
            &mut result,
            &mut line,
        )
    };
    match status {
        0 => {}
        2 => {
            let message = interp.string(&result).map(String::from_utf8_lossy);
            return outcome::err(&Failure::sandbox(
                "SyntaxError",
                message.unwrap_or_default().into_owned(),
                vec![format!("(eval):{line}")],
            ));
        }
        _ => return outcome::err(&exception_failure(&interp, &result)),
    }
    let mut out = outcome::ok_header();
    let limit = MAX_MESSAGE;
    match encode(&interp, &result, &mut out, limit) {
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
