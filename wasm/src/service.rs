//! The guest side of Service calls (docs/wire.md, "Services"): requests out
//! through `env.__kobako_dispatch`, and block yields in through the
//! `kobako_yield` export while a request is still on the stack.

use crate::decode::decode_enveloped;
use crate::encode::encode_enveloped;
use crate::exports::layout;
use crate::interp::state;
use crate::limits::MAX_MESSAGE;
use crate::limits::{ENVELOPE_REPLY, ENVELOPE_REQUEST};
use crate::mruby::{self, Builder, Interp, MrbState, Value};
use std::alloc::dealloc;
use std::ffi::{c_char, c_int};

#[link(wasm_import_module = "env")]
extern "C" {
    fn __kobako_dispatch(ptr: i32, len: i32) -> i64;
}

/// Takes back a buffer the host filled (it came from `kobako_alloc`).
struct HostBuffer {
    ptr: *mut u8,
    len: usize,
}

impl HostBuffer {
    fn unpack(packed: i64) -> HostBuffer {
        HostBuffer {
            ptr: (packed >> 32) as u32 as usize as *mut u8,
            len: packed as u32 as usize,
        }
    }

    fn bytes(&self) -> &[u8] {
        if self.ptr.is_null() {
            return &[];
        }
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl Drop for HostBuffer {
    fn drop(&mut self) {
        if let (false, Some(layout)) = (self.ptr.is_null(), layout(self.len)) {
            unsafe { dealloc(self.ptr, layout) };
        }
    }
}

/// Called by `Kobako.__dispatch` (shim.c). 0: `*out` is the reply. Else
/// `*out` is a message and `*error_class` the exception class to raise.
#[no_mangle]
pub extern "C" fn kobako_rs_dispatch(
    mrb: *mut MrbState,
    request: *const Value,
    out: *mut Value,
    error_class: *mut *const c_char,
) -> c_int {
    let fail = |class: &'static std::ffi::CStr, message: String| {
        unsafe {
            *out = Builder(mrb).str(&message);
            *error_class = class.as_ptr();
        }
        1
    };
    let mut bytes = Vec::new();
    if let Err(e) = encode_enveloped(
        &Interp(mrb),
        unsafe { &*request },
        &mut bytes,
        MAX_MESSAGE,
        ENVELOPE_REQUEST,
    ) {
        return fail(e.class_c(), e.message());
    }
    let packed = unsafe { __kobako_dispatch(bytes.as_ptr() as i32, bytes.len() as i32) };
    if packed == 0 {
        return fail(
            c"Kobako::NoServiceError",
            "no Service dispatcher in this sandbox".into(),
        );
    }
    let reply = HostBuffer::unpack(packed);
    match decode_enveloped(&mut Builder(mrb), reply.bytes(), ENVELOPE_REPLY) {
        Ok(value) => {
            unsafe { *out = value };
            0
        }
        Err(e) => fail(
            c"Kobako::ServiceError",
            format!("reply from the host: {}", e.message()),
        ),
    }
}

use crate::status::YIELD_RAISED;

/// The host runs a guest block: `[block_id, args]` in, a reply out (see
/// `Kobako.__yield` in the prelude). Returns `(ptr << 32) | len` of the reply,
/// valid until the next call into the guest.
#[no_mangle]
pub extern "C" fn kobako_yield(ptr: i32, len: i32) -> i64 {
    let request = HostBuffer {
        ptr: ptr as u32 as usize as *mut u8,
        len: len as u32 as usize,
    };
    let mrb = state().mrb;
    let arena = unsafe { mruby::kobako_gc_arena_save(mrb) };
    let reply = run_yield(mrb, request.bytes());
    unsafe { mruby::kobako_gc_arena_restore(mrb, arena) };
    let s = state();
    s.yield_reply = reply;
    ((s.yield_reply.as_ptr() as usize as i64) << 32) | s.yield_reply.len() as i64
}

fn run_yield(mrb: *mut MrbState, request: &[u8]) -> Vec<u8> {
    let interp = Interp(mrb);
    let args = match decode_enveloped(&mut Builder(mrb), request, ENVELOPE_REQUEST) {
        Ok(v) => v,
        Err(e) => return raised("ArgumentError", &format!("yield request: {}", e.message())),
    };
    let mut reply = Value::zeroed();
    if unsafe { mruby::kobako_call_kobako(mrb, c"__yield".as_ptr(), &args, &mut reply) } != 0 {
        let class = interp.class_name(&reply).to_string();
        return raised(&class, "the block could not be run");
    }
    let mut out = Vec::new();
    match encode_enveloped(&interp, &reply, &mut out, MAX_MESSAGE, ENVELOPE_REPLY) {
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
