//! The one interpreter of this instance: booted at build time (baked into
//! the artifact by the pre-initializer), used by `kobako_eval`.

use crate::decode::ValueSink;
use crate::failure::exception_failure;
use crate::frame::{Frame, Op};
use crate::mruby::{self, Builder, Interp, Value};
use crate::operations::{compile, replay, run, run_entrypoint, verify_snippets};
use crate::outcome;
use std::cell::UnsafeCell;

/// `mrblib/*.rb`, prelude.rb first, joined by build.rs.
const PRELUDE: &str = include_str!(concat!(env!("OUT_DIR"), "/prelude.rb"));

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
    with_frame(frame, invoke);
}

/// Runs only the setup part of a frame (Services and snippets, no operation)
/// and leaves its outcome: `{"ok" => true}` when the state it leaves depends
/// on nothing but the frame, so that the host may snapshot it and start later
/// invocations from there (docs/snippets.md, "Snapshot"); `{"ok" => false}`
/// when the snippets drew random numbers (the host also watches output, the
/// clocks and Service calls); the error outcome when the setup failed.
pub fn prepare(frame: &[u8]) {
    with_frame(frame, |mrb, frame| match set_up(mrb, frame, true) {
        Ok(drew) => {
            let mut out = outcome::ok_header();
            rmp::encode::write_bool(&mut out, !drew).expect("vec write");
            out
        }
        Err(failed) => failed,
    });
}

fn with_frame(frame: &[u8], run: impl FnOnce(*mut mruby::MrbState, &Frame) -> Vec<u8>) {
    boot();
    let mrb = state().mrb;
    let arena = unsafe { mruby::kobako_gc_arena_save(mrb) };
    let outcome = match Frame::decode(frame) {
        Ok(frame) => run(mrb, &frame),
        Err(message) => outcome::malformed(message),
    };
    unsafe { mruby::kobako_gc_arena_restore(mrb, arena) };
    state().outcome = outcome;
}

/// Seeds Random, binds the Services and replays the snippets; the error
/// outcome if that failed. With `watch`, whether the snippets drew random
/// numbers (Random is then re-seeded as it was before them; false without).
fn set_up(mrb: *mut mruby::MrbState, frame: &Frame, watch: bool) -> Result<bool, Vec<u8>> {
    // Every preloaded binary is checked before any code runs (docs/bytecode.md).
    if let Some(failure) = verify_snippets(&frame.snippets) {
        return Err(outcome::err(&failure));
    }
    unsafe { mruby::kobako_seed_random(mrb) };
    let mark = || watch.then(|| unsafe { mruby::kobako_random_mark(mrb) });
    let before = mark();
    if let Some(failed) = bind_services(mrb, frame) {
        return Err(failed);
    }
    let replayed = frame
        .snippets
        .iter()
        .find_map(|(label, bytecode, _)| replay(mrb, label, bytecode));
    if let Some(failed) = replayed {
        return Err(failed);
    }
    Ok(before.is_some_and(|before| before < 0 || mark() != Some(before)))
}

fn invoke(mrb: *mut mruby::MrbState, frame: &Frame) -> Vec<u8> {
    let op = match frame.op() {
        Ok(op) => op,
        Err(message) => return outcome::malformed(message),
    };
    if let Op::Compile(src, filename, debug) = op {
        return compile(mrb, src, filename, debug);
    }
    if let Err(failed) = set_up(mrb, frame, false) {
        return failed;
    }
    match op {
        Op::Eval(src, file) => run(mrb, src, file),
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
