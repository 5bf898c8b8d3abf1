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
    let mrb = interp();
    let outcome = mrb.in_arena(|| match Frame::decode(frame) {
        Ok(frame) => invoke(mrb, &frame),
        Err(message) => outcome::malformed(message),
    });
    with_state(|s| s.outcome = outcome);
}

fn invoke(mrb: Interp, frame: &Frame) -> Vec<u8> {
    let op = match frame.op() {
        Ok(op) => op,
        Err(message) => return outcome::malformed(message),
    };
    if let Op::Compile(src, filename, debug) = op {
        return compile(mrb, src, filename, debug);
    }
    // Every preloaded binary is checked before any code runs (docs/bytecode.md).
    if let Some(failure) = verify_snippets(&frame.snippets) {
        return outcome::err(&failure);
    }
    mrb.seed_random();
    if let Some(failed) = bind_services(mrb, frame) {
        return failed;
    }
    for (label, bytecode, _) in &frame.snippets {
        if let Some(failed) = replay(mrb, label, bytecode) {
            return failed;
        }
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
