//! One `#eval` / `#run`: a fresh store and instance (B-49), the caps, the
//! guest run, and the `Kobako::InvocationResult` the Ruby side records usage
//! and output from.
//! Failures are returned as exception instances, not raised, so that usage and
//! output are kept for traps too; only a Ruby interrupt (Thread#kill,
//! Thread#raise, `throw`) is re-raised as is.

pub mod channel;
pub mod dispatch;
pub mod driver;
pub mod guest;
pub mod guest_output;
pub mod gvl;
pub mod limits;
pub mod prepare;
pub mod snapshot;
pub mod snapshot_registry;
pub mod state;
pub mod ticker;
pub mod watchdog;
pub mod yielder;

use std::cell::RefCell;
use std::pin::pin;
use std::sync::Arc;
use std::time::Instant;

use magnus::error::ErrorType;
use magnus::value::LazyId;
use magnus::{prelude::*, Error, IntoValue, KwArgs, RClass, RModule, RString, Ruby, Value};

use self::channel::{DispatchChannel, DispatcherFailed};
use self::driver::{Abort, Driver, Host, Pump};
use self::state::{HostState, StoreSetup};
use self::watchdog::Signals;
use self::yielder::Yielder;
use crate::config::InvokeConfig;
use crate::error::KobakoError;
use crate::loading::engine;
use crate::loading::loaded::Loaded;
use crate::preamble::{Plan, Preamble};
use crate::wasi::output::CaptureStream;

pub fn invoke(
    ruby: &Ruby,
    loaded: &Loaded,
    frame: RString,
    label: &str,
    config: &InvokeConfig,
    dispatcher: Option<Value>,
    preamble: Option<&Preamble>,
) -> Result<Value, Error> {
    // SAFETY: copied before any other Ruby code can run.
    let frame = unsafe { frame.as_slice() }.to_vec();
    let engine =
        engine::engine().map_err(|message| KobakoError::Setup(message).into_raise(ruby))?;
    // Ticks drive the deadline and the GVL hand-off.
    let _ticker = match config.timeout.is_some() || config.release_gvl {
        true => Some(ticker::acquire(engine).map_err(|e| e.into_raise(ruby))?),
        false => None,
    };
    // With a preamble, `frame` holds the operation alone: the instance starts
    // from the preamble's snapshot, or the setup joins the frame and is
    // replayed (preamble.rs).
    let (frame, snapshot) = match preamble {
        None => (frame, None),
        Some(preamble) => match preamble.plan(|| decide_plan(engine, loaded, config, preamble))? {
            Some(Plan::Restore(snapshot)) => (frame, Some(&**snapshot)),
            Some(Plan::Replay) | None => {
                let full = preamble.full_frame(&frame).ok_or_else(|| {
                    Error::new(
                        ruby.exception_arg_error(),
                        "invoke frame must be a map of at most 15 entries with the preamble's",
                    )
                })?;
                (full, None)
            }
        },
    };

    let stdout = CaptureStream::new(config.stdout_limit);
    let stderr = CaptureStream::new(config.stderr_limit);
    let signals = Arc::new(Signals::default());
    let channel = dispatcher.map(|_| DispatchChannel::default());
    let started = Instant::now();
    let mut store = state::new_store(
        engine,
        StoreSetup {
            dispatch: channel.clone(),
            ..StoreSetup::for_sandbox(config, &stdout, &stderr, signals.clone())
        },
    );

    let host = RubyHost {
        ruby,
        dispatcher,
        raised: RefCell::new(None),
    };
    let driver = Driver {
        signals: &signals,
        channel: channel.as_ref(),
    };
    let run = {
        let future = pin!(guest::run(&mut store, loaded, &frame, snapshot));
        driver.run(future, &host)
        // Dropping the future here unwinds a guest that is still suspended.
    };
    // Output the guest still buffers, a trap included (guest_output.rs).
    if let Some(output) = store.data().output.clone() {
        output.drain(&mut store);
    }
    let raised = host.raised.into_inner();
    let wall_time = started.elapsed().as_secs_f64();

    let result = match run {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(trap)) => Err(classify(trap, store.data())),
        Err(Abort::Ruby(error)) => return Err(error),
        Err(Abort::Panic(message)) => Err(KobakoError::Trap(format!("internal error: {message}"))),
        Err(Abort::Stalled) => Err(KobakoError::Trap(
            "the guest waited on a host operation that never completes".into(),
        )),
    };
    let memory_peak = store.data().limiter.peak();
    snapshot::discard_if_swapping(&mut store);
    drop(store);

    // The dispatcher's own error is the story only when it is what stopped
    // the guest; a trap during a block it yielded to (a timeout, say) wins.
    let (outcome, error) = match (result, raised) {
        // Interrupted while it ran a block a Service yielded to: the
        // interrupt (Thread#raise) is what the caller gets, unchanged.
        (Err(KobakoError::DispatcherRaised | KobakoError::Interrupted), Some(dispatcher_error)) => {
            (None, Some(exception_of(ruby, dispatcher_error)?))
        }
        (_, Some(jump)) if matches!(jump.error_type(), ErrorType::Jump(_)) => return Err(jump),
        (Ok(outcome), _) => (Some(outcome), None),
        (Err(error), _) => (
            None,
            Some(error.to_exception(ruby, Some(label))?.as_value()),
        ),
    };
    let (stdout, stdout_truncated) = stdout.take();
    let (stderr, stderr_truncated) = stderr.take();
    let fields = ruby.hash_new();
    fields.aset(
        ruby.sym_new("outcome"),
        outcome.map(|bytes| ruby.str_from_slice(&bytes)),
    )?;
    fields.aset(ruby.sym_new("stdout"), ruby.str_from_slice(&stdout))?;
    fields.aset(ruby.sym_new("stderr"), ruby.str_from_slice(&stderr))?;
    fields.aset(ruby.sym_new("stdout_truncated"), stdout_truncated)?;
    fields.aset(ruby.sym_new("stderr_truncated"), stderr_truncated)?;
    fields.aset(ruby.sym_new("wall_time"), wall_time)?;
    fields.aset(ruby.sym_new("memory_peak"), memory_peak)?;
    fields.aset(ruby.sym_new("error"), error)?;
    let kobako: RModule = ruby.class_object().const_get("Kobako")?;
    let class: RClass = kobako.const_get("InvocationResult")?;
    class.new_instance((KwArgs(fields),))
}

/// `Transport#call`, interned once rather than at every Service call.
static CALL: LazyId = LazyId::new("call");

/// Answers Service requests with the Ruby dispatcher (GVL held, on the Ruby
/// thread's own stack). A Ruby error is kept in `raised` and unwinds the guest.
struct RubyHost<'a> {
    ruby: &'a Ruby,
    dispatcher: Option<Value>,
    raised: RefCell<Option<Error>>,
}

impl Host for RubyHost<'_> {
    fn serve(&self, request: Vec<u8>, pump: &Pump<'_>) -> Result<Vec<u8>, DispatcherFailed> {
        let dispatcher = self.dispatcher.ok_or(DispatcherFailed)?;
        let yielder = self.ruby.obj_wrap(Yielder::new(pump));
        let call = LazyId::get_inner_with(&CALL, self.ruby);
        let result = dispatcher
            .funcall::<_, _, RString>(call, (self.ruby.str_from_slice(&request), yielder));
        // The block dies with its Service call (B-30).
        yielder.retire();
        match result {
            // SAFETY: copied before any other Ruby code can run.
            Ok(response) => Ok(unsafe { response.as_slice() }.to_vec()),
            Err(error) => {
                // The innermost failure is the one to report.
                self.raised.borrow_mut().get_or_insert(error);
                Err(DispatcherFailed)
            }
        }
    }

    fn take_raised(&self) -> Option<Error> {
        self.raised.borrow_mut().take()
    }
}

/// A sealed sandbox's plan, decided at its second invocation: the snapshot
/// of a sandbox whose setup is the same, when one is alive, else a setup run
/// of its own (prepare.rs), whose snapshot is then offered to the others.
fn decide_plan(
    engine: &wasmtime::Engine,
    loaded: &Loaded,
    config: &InvokeConfig,
    preamble: &Preamble,
) -> Result<Option<Plan>, Error> {
    let key = snapshot_registry::Key::new(loaded, config, preamble.setup_frame());
    if let Some(shared) = snapshot_registry::find(&key) {
        return Ok(Some(Plan::Restore(shared)));
    }
    Ok(
        match prepare::snapshot(engine, loaded, &key.setup, config)? {
            Some(Plan::Restore(taken)) => Some(Plan::Restore(snapshot_registry::share(key, taken))),
            other => other,
        },
    )
}

/// What stopped the guest. The cap that was hit wins over the trap text. A
/// deadline wins over a refused growth: the script may have rescued that
/// refusal long before.
fn classify(trap: wasmtime::Error, state: &HostState) -> KobakoError {
    if let Some(error) = trap
        .chain()
        .find_map(|cause| cause.downcast_ref::<KobakoError>())
    {
        return error.clone();
    }
    if let Some(tripped) = state.watchdog.tripped() {
        return tripped;
    }
    if let Some(exceeded) = state.limiter.exceeded() {
        return exceeded.clone();
    }
    if let Some(exit) = trap.downcast_ref::<wasmtime_wasi::I32Exit>() {
        return KobakoError::Trap(format!("the guest called exit({})", exit.0));
    }
    KobakoError::Trap(format!("{trap:#}"))
}

/// The dispatcher's error as an exception object. A non-exception jump
/// (`throw`, Thread#kill) cannot be returned and is re-raised.
fn exception_of(ruby: &Ruby, error: Error) -> Result<Value, Error> {
    match error.error_type() {
        ErrorType::Exception(exception) => Ok(exception.as_value()),
        ErrorType::Error(class, message) => {
            Ok(class.new_instance((message.to_string(),))?.as_value())
        }
        ErrorType::Jump(_) => Err(error),
    }
    .map(|value| value.into_value_with(ruby))
}
