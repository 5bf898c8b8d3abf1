//! The one interpreter of this instance: booted at build time (baked into
//! the artifact by the pre-initializer), used by `kobako_eval`.

use crate::decode::ValueSink;
use crate::failure::exception_failure;
use crate::frame::{Frame, Op};
use crate::mruby::Interp;
use crate::operations::{compile, replay, run, run_entrypoint, verify_snippets};
use crate::outcome;
use std::cell::UnsafeCell;

/// `mrblib/*.rb`, prelude.rb first, joined by build.rs.
const PRELUDE: &str = include_str!(concat!(env!("OUT_DIR"), "/prelude.rb"));

struct State {
    mrb: Option<Interp>,
    outcome: Vec<u8>,
    /// The last `kobako_yield` reply, read by the host right after the call.
    yield_reply: Vec<u8>,
}

/// Single-threaded global: a wasm32-wasip1 instance has one thread. Exports
/// do nest (the host calls `kobako_yield` while `kobako_eval` waits in the
/// dispatch import), so the state is only touched through [`with_state`],
/// whose borrow never spans a call into mruby or the host.
struct Global(UnsafeCell<State>);

// SAFETY: wasm32-wasip1 has no threads: the one thread that exists is the
// only one that can reach STATE.
unsafe impl Sync for Global {}

static STATE: Global = Global(UnsafeCell::new(State {
    mrb: None,
    outcome: Vec::new(),
    yield_reply: Vec::new(),
}));

/// Runs `f` on the state. `f` must not call into mruby, the host or
/// `with_state` itself, so its `&mut` is the only borrow while it runs.
fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> R {
    // SAFETY: single thread (see Global), and every caller passes a closure
    // that only reads or replaces fields: no other borrow of STATE exists
    // while this one lives.
    f(unsafe { &mut *STATE.0.get() })
}

/// Opens mruby and runs the prelude. Traps if that fails: a guest that cannot
/// boot must not be baked.
pub fn boot() {
    if with_state(|s| s.mrb.is_some()) {
        return;
    }
    let mrb = Interp::boot(PRELUDE).expect("kobako guest failed to boot");
    with_state(|s| s.mrb = Some(mrb));
}

/// The interpreter, booted first if it is not yet.
pub fn interp() -> Interp {
    boot();
    with_state(|s| s.mrb).expect("booted above")
}

/// Hands the last outcome to `f` (it stays until the next `eval`).
pub fn with_outcome<R>(f: impl FnOnce(&[u8]) -> R) -> R {
    with_state(|s| f(&s.outcome))
}

/// Keeps `reply` until the next yield and hands it to `f`.
pub fn keep_yield_reply<R>(reply: Vec<u8>, f: impl FnOnce(&[u8]) -> R) -> R {
    with_state(|s| {
        s.yield_reply = reply;
        f(&s.yield_reply)
    })
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

fn with_frame(frame: &[u8], run: impl FnOnce(Interp, &Frame) -> Vec<u8>) {
    let mrb = interp();
    let outcome = mrb.in_arena(|| match Frame::decode(frame) {
        Ok(frame) => run(mrb, &frame),
        Err(message) => outcome::malformed(message),
    });
    with_state(|s| s.outcome = outcome);
}

/// Seeds Random, binds the Services and replays the snippets; the error
/// outcome if that failed. With `watch`, whether the snippets drew random
/// numbers (Random is then re-seeded as it was before them; false without).
fn set_up(mrb: Interp, frame: &Frame, watch: bool) -> Result<bool, Vec<u8>> {
    // Every preloaded binary is checked before any code runs (docs/bytecode.md).
    if let Some(failure) = verify_snippets(&frame.snippets) {
        return Err(outcome::err(&failure));
    }
    mrb.seed_random();
    let mark = || watch.then(|| mrb.random_mark());
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

fn invoke(mrb: Interp, frame: &Frame) -> Vec<u8> {
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
fn bind_services(mrb: Interp, frame: &Frame) -> Option<Vec<u8>> {
    if frame.services.is_empty() {
        return None;
    }
    let mut b = mrb.builder();
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
    let result = mrb.call_kobako(c"__bind_all", &list);
    result
        .err()
        .map(|exc| outcome::err(&exception_failure(&mrb, &exc)))
}
