//! The guest side of Service calls (docs/wire.md, "Services"): requests out
//! through `env.__kobako_dispatch`, and block yields in through the
//! `kobako_yield` export while a request is still on the stack.

use crate::decode::decode_enveloped;
use crate::encode::encode_enveloped;
use crate::host;
use crate::limits::MAX_MESSAGE;
use crate::limits::{ENVELOPE_REPLY, ENVELOPE_REQUEST};
use crate::mruby::{Interp, Value};
use std::ffi::CStr;

/// One Service round trip for `Kobako.__dispatch` (through
/// `mruby::kobako_rs_dispatch`): the reply, or the exception class to raise
/// and its message.
pub fn dispatch(mrb: Interp, request: &Value) -> Result<Value, (&'static CStr, String)> {
    let mut bytes = Vec::new();
    if let Err(e) = encode_enveloped(&mrb, request, &mut bytes, MAX_MESSAGE, ENVELOPE_REQUEST) {
        return Err((e.class_c(), e.message()));
    }
    let Some(reply) = host::dispatch(&bytes) else {
        return Err((
            c"Kobako::NoServiceError",
            "no Service dispatcher in this sandbox".into(),
        ));
    };
    decode_enveloped(&mut mrb.builder(), reply.bytes(), ENVELOPE_REPLY).map_err(|e| {
        (
            c"Kobako::ServiceError",
            format!("reply from the host: {}", e.message()),
        )
    })
}

use crate::status::YIELD_RAISED;

/// The host runs a guest block (the `kobako_yield` export): `[block_id,
/// args]` in, a reply out (see `Kobako.__yield` in the prelude).
pub fn yield_block(request: &[u8]) -> Vec<u8> {
    let mrb = crate::interp::interp();
    mrb.in_arena(|| run_yield(mrb, request))
}

fn run_yield(mrb: Interp, request: &[u8]) -> Vec<u8> {
    let args = match decode_enveloped(&mut mrb.builder(), request, ENVELOPE_REQUEST) {
        Ok(v) => v,
        Err(e) => return raised("ArgumentError", &format!("yield request: {}", e.message())),
    };
    let reply = match mrb.call_kobako(c"__yield", &args) {
        Ok(reply) => reply,
        Err(exc) => {
            let class = mrb.class_name(&exc).to_string();
            return raised(&class, "the block could not be run");
        }
    };
    let mut out = Vec::new();
    match encode_enveloped(&mrb, &reply, &mut out, MAX_MESSAGE, ENVELOPE_REPLY) {
        Ok(()) => out,
        Err(e) => raised(e.class(), &e.message()),
    }
}

/// `[2, class, message]`: the block raised something the guest did not keep.
fn raised(class: &str, message: &str) -> Vec<u8> {
    let mut out = Vec::new();
    rmp::encode::write_array_len(&mut out, 3).expect("vec write");
    rmp::encode::write_sint(&mut out, YIELD_RAISED).expect("vec write");
    rmp::encode::write_str(&mut out, class).expect("vec write");
    rmp::encode::write_str(&mut out, message).expect("vec write");
    out
}
