//! The C side (wasm/c/shim.c) as Rust sees it. mrb_values stay opaque and
//! travel by pointer, so no struct ABI must match across the boundary.

use crate::decode::{DecodeError, ValueSink};
use crate::encode::{EncodeError, Node, PairVisitor, ValueSource};
use std::ffi::{c_char, c_int, c_void, CStr};

#[repr(C)]
pub struct MrbState {
    _private: [u8; 0],
}

/// An `mrb_value` under MRB_NAN_BOXING (wasm/build.rb, MRUBY_DEFINES): one
/// 64-bit word, 8-aligned. Boot asserts the C side agrees (interp.rs).
#[repr(C, align(8))]
#[derive(Clone, Copy)]
pub struct Value([u8; 8]);

impl Value {
    /// All bits zero: nil under NaN boxing.
    pub const fn zeroed() -> Value {
        Value([0; 8])
    }
}

// Keep in sync with `enum kobako_kind` in shim.c.
const NIL: c_int = 0;
const FALSE: c_int = 1;
const TRUE: c_int = 2;
const INTEGER: c_int = 3;
const FLOAT: c_int = 4;
const SYMBOL: c_int = 5;
const STRING: c_int = 6;
const ARRAY: c_int = 7;
const HASH: c_int = 8;
const BIGINT: c_int = 9;
const HANDLE: c_int = 11;

type PairFn = extern "C" fn(*const Value, *const Value, *mut c_void) -> c_int;

extern "C" {
    pub fn kobako_boot(prelude: *const u8, len: usize) -> *mut MrbState;
    pub fn kobako_eval_source(
        mrb: *mut MrbState,
        src: *const u8,
        len: usize,
        filename: *const c_char,
        out: *mut Value,
        line: *mut c_int,
    ) -> c_int;
    pub fn kobako_compile(
        mrb: *mut MrbState,
        src: *const u8,
        len: usize,
        filename: *const c_char,
        debug: c_int,
        out: *mut Value,
        line: *mut c_int,
    ) -> c_int;
    pub fn kobako_run_bytecode(
        mrb: *mut MrbState,
        bin: *const u8,
        len: usize,
        out: *mut Value,
    ) -> c_int;
    pub fn kobako_run_entrypoint(
        mrb: *mut MrbState,
        request: *const Value,
        out: *mut Value,
    ) -> c_int;
    pub fn kobako_seed_random(mrb: *mut MrbState);
    pub fn kobako_is_out_of_memory(mrb: *mut MrbState, exc: *const Value) -> c_int;
    pub fn kobako_exception_info(
        mrb: *mut MrbState,
        exc: *const Value,
        message: *mut Value,
        backtrace: *mut Value,
    );
    pub fn kobako_gc_arena_save(mrb: *mut MrbState) -> c_int;
    pub fn kobako_gc_arena_restore(mrb: *mut MrbState, idx: c_int);
    pub fn kobako_value_size() -> usize;

    fn kobako_kind(v: *const Value) -> c_int;
    fn kobako_integer(v: *const Value) -> i64;
    fn kobako_float(v: *const Value) -> f64;
    fn kobako_symbol_name(mrb: *mut MrbState, v: *const Value, len: *mut usize) -> *const u8;
    fn kobako_string_bytes(v: *const Value, len: *mut usize, binary: *mut c_int) -> *const u8;
    fn kobako_array_len(v: *const Value) -> usize;
    fn kobako_array_at(v: *const Value, i: usize, out: *mut Value);
    fn kobako_hash_size(mrb: *mut MrbState, v: *const Value) -> usize;
    fn kobako_hash_each(mrb: *mut MrbState, v: *const Value, f: PairFn, data: *mut c_void);
    fn kobako_object_id(v: *const Value) -> *const c_void;
    fn kobako_class_name(mrb: *mut MrbState, v: *const Value) -> *const c_char;
    fn kobako_handle_id(v: *const Value) -> u32;

    fn kobako_new_nil(out: *mut Value);
    fn kobako_new_bool(b: c_int, out: *mut Value);
    fn kobako_new_int(mrb: *mut MrbState, i: i64, out: *mut Value);
    // wasm/c/bigint.c
    fn kobako_bigint_hex(mrb: *mut MrbState, v: *const Value, len: *mut usize) -> *const c_char;
    fn kobako_new_bigint_hex(
        mrb: *mut MrbState,
        hex: *const c_char,
        len: usize,
        negative: c_int,
        out: *mut Value,
    );
    fn kobako_new_float(mrb: *mut MrbState, f: f64, out: *mut Value);
    fn kobako_new_string(
        mrb: *mut MrbState,
        p: *const u8,
        len: usize,
        binary: c_int,
        out: *mut Value,
    );
    fn kobako_new_symbol(mrb: *mut MrbState, p: *const u8, len: usize, out: *mut Value);
    fn kobako_new_handle(mrb: *mut MrbState, id: u32, out: *mut Value);
    fn kobako_new_array(mrb: *mut MrbState, capa: usize, out: *mut Value);
    fn kobako_array_push(mrb: *mut MrbState, ary: *const Value, v: *const Value);
    fn kobako_new_hash(mrb: *mut MrbState, capa: usize, out: *mut Value);
    fn kobako_hash_set(mrb: *mut MrbState, h: *const Value, k: *const Value, v: *const Value);
    pub fn kobako_call_kobako(
        mrb: *mut MrbState,
        name: *const c_char,
        arg: *const Value,
        out: *mut Value,
    ) -> c_int;
}

/// A live interpreter, read through the shim.
pub struct Interp(pub *mut MrbState);

impl Interp {
    pub fn class_name(&self, v: &Value) -> &str {
        unsafe { cstr(kobako_class_name(self.0, v)) }
    }

    /// String bytes, or None when `v` is not a String.
    pub fn string(&self, v: &Value) -> Option<&[u8]> {
        match self.node(v) {
            Node::Str { bytes, .. } => Some(bytes),
            _ => None,
        }
    }

    pub fn array(&self, v: &Value) -> Vec<Value> {
        match self.node(v) {
            Node::Array(len) => (0..len).map(|i| self.array_at(v, i)).collect(),
            _ => Vec::new(),
        }
    }
}

unsafe fn cstr<'a>(p: *const c_char) -> &'a str {
    if p.is_null() {
        return "";
    }
    CStr::from_ptr(p).to_str().unwrap_or("")
}

unsafe fn bytes<'a>(p: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(p, len)
    }
}

// Safety of the borrowed slices: encoding allocates nothing in mruby, so no
// GC runs while they are alive.
impl ValueSource for Interp {
    type Value = Value;

    fn node(&self, v: &Value) -> Node<'_> {
        unsafe {
            match kobako_kind(v) {
                NIL => Node::Nil,
                FALSE => Node::Bool(false),
                TRUE => Node::Bool(true),
                INTEGER => Node::Int(kobako_integer(v)),
                FLOAT => Node::Float(kobako_float(v)),
                SYMBOL => {
                    let mut len = 0;
                    let p = kobako_symbol_name(self.0, v, &mut len);
                    Node::Symbol(bytes(p, len))
                }
                STRING => {
                    let (mut len, mut binary) = (0, 0);
                    let p = kobako_string_bytes(v, &mut len, &mut binary);
                    Node::Str {
                        bytes: bytes(p, len),
                        binary: binary != 0,
                    }
                }
                ARRAY => Node::Array(kobako_array_len(v)),
                HASH => Node::Hash(kobako_hash_size(self.0, v)),
                BIGINT => {
                    let mut len = 0;
                    let p = kobako_bigint_hex(self.0, v, &mut len);
                    Node::BigInt(crate::encode::bigint_payload(bytes(p as *const u8, len)))
                }
                HANDLE => Node::Handle(kobako_handle_id(v)),
                _ => Node::Other(self.class_name(v)),
            }
        }
    }

    fn array_at(&self, v: &Value, index: usize) -> Value {
        let mut out = Value::zeroed();
        unsafe { kobako_array_at(v, index, &mut out) };
        out
    }

    fn hash_each(&self, v: &Value, visit: &mut PairVisitor<'_, Value>) -> Result<(), EncodeError> {
        struct Walk<'a> {
            visit: &'a mut PairVisitor<'a, Value>,
            result: Result<(), EncodeError>,
        }
        extern "C" fn pair(k: *const Value, v: *const Value, data: *mut c_void) -> c_int {
            let walk = unsafe { &mut *(data as *mut Walk) };
            walk.result = unsafe { (walk.visit)(&*k, &*v) };
            c_int::from(walk.result.is_err())
        }
        let mut walk = Walk {
            visit,
            result: Ok(()),
        };
        unsafe { kobako_hash_each(self.0, v, pair, &mut walk as *mut Walk as *mut c_void) };
        walk.result
    }

    fn identity(&self, v: &Value) -> usize {
        unsafe { kobako_object_id(v) as usize }
    }
}

/// Builds mruby values for the decoder. Every value it makes sits on the GC
/// arena until its container holds it.
pub struct Builder(pub *mut MrbState);

impl Builder {
    fn make(&mut self, f: impl FnOnce(*mut Value)) -> Value {
        let mut out = Value::zeroed();
        f(&mut out);
        out
    }

    pub fn str(&mut self, text: &str) -> Value {
        self.string(text.as_bytes(), false)
    }
}

impl ValueSink for Builder {
    type Value = Value;

    fn nil(&mut self) -> Value {
        self.make(|o| unsafe { kobako_new_nil(o) })
    }
    fn boolean(&mut self, b: bool) -> Value {
        self.make(|o| unsafe { kobako_new_bool(c_int::from(b), o) })
    }
    fn int(&mut self, i: i64) -> Value {
        let mrb = self.0;
        self.make(|o| unsafe { kobako_new_int(mrb, i, o) })
    }
    fn float(&mut self, f: f64) -> Value {
        let mrb = self.0;
        self.make(|o| unsafe { kobako_new_float(mrb, f, o) })
    }
    fn string(&mut self, bytes: &[u8], binary: bool) -> Value {
        let mrb = self.0;
        self.make(|o| unsafe {
            kobako_new_string(mrb, bytes.as_ptr(), bytes.len(), c_int::from(binary), o)
        })
    }
    fn symbol(&mut self, name: &[u8]) -> Result<Value, DecodeError> {
        let mrb = self.0;
        Ok(self.make(|o| unsafe { kobako_new_symbol(mrb, name.as_ptr(), name.len(), o) }))
    }
    fn handle(&mut self, id: u32) -> Value {
        let mrb = self.0;
        self.make(|o| unsafe { kobako_new_handle(mrb, id, o) })
    }
    fn bigint(&mut self, negative: bool, magnitude: &[u8]) -> Value {
        let hex: Vec<u8> = magnitude
            .iter()
            .flat_map(|b| [b >> 4, b & 0x0f])
            .map(|n| b"0123456789abcdef"[usize::from(n)])
            .collect();
        let mrb = self.0;
        self.make(|o| unsafe {
            kobako_new_bigint_hex(
                mrb,
                hex.as_ptr().cast(),
                hex.len(),
                c_int::from(negative),
                o,
            )
        })
    }
    fn array(&mut self, capacity: usize) -> Value {
        let mrb = self.0;
        self.make(|o| unsafe { kobako_new_array(mrb, capacity, o) })
    }
    fn push(&mut self, array: &Value, item: Value) {
        unsafe { kobako_array_push(self.0, array, &item) }
    }
    fn hash(&mut self, capacity: usize) -> Value {
        let mrb = self.0;
        self.make(|o| unsafe { kobako_new_hash(mrb, capacity, o) })
    }
    fn insert(&mut self, hash: &Value, key: Value, value: Value) {
        unsafe { kobako_hash_set(self.0, hash, &key, &value) }
    }
    fn checkpoint(&mut self) -> usize {
        unsafe { kobako_gc_arena_save(self.0) as usize }
    }
    fn restore(&mut self, checkpoint: usize) {
        unsafe { kobako_gc_arena_restore(self.0, checkpoint as c_int) }
    }
}
