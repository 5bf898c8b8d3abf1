//! The guest's one safe layer over mruby: the C side (wasm/c/shim.c) as Rust
//! sees it, behind [`Interp`] and [`Builder`]. Every other module calls their
//! safe methods; every `unsafe` of the mruby FFI is in this file. mrb_values
//! stay opaque and travel by pointer, so no struct ABI must match across the
//! boundary.
//!
//! The invariants the `SAFETY:` comments below cite by number:
//!
//! 1. **One live state.** An [`Interp`] holds the `mrb_state` that
//!    `kobako_boot` returned (non-NULL, checked in [`Interp::boot`]), or the
//!    same pointer handed back by the shim to [`kobako_rs_dispatch`]. The
//!    guest never closes it, so it stays valid for the instance's life.
//! 2. **Opaque values.** A [`Value`] is an `mrb_value` blob that C wrote, or
//!    all zero bytes, which is `nil` under every mruby boxing. Its field is
//!    private: safe code cannot forge one, Rust never reads its bytes, and C
//!    only ever gets a pointer to a whole, aligned `Value`.
//! 3. **Kind first.** A type-specific reader (`kobako_integer`,
//!    `kobako_string_bytes`, `kobako_array_at`, …) runs only on a value whose
//!    `kobako_kind` is that type, and `kobako_array_at` only below
//!    `kobako_array_len`; the C side checks nothing itself.
//! 4. **Alive while used.** Everything mruby allocates stays on the GC arena
//!    until the arena is restored, and the result of every protected call
//!    is pushed there too (`mrb_protect_error` in mruby's vm.c, and
//!    `protected_run` in shim.c). Values read out of a container (Array
//!    items, Hash pairs) are held by it. The guest restores the
//!    arena only where the values made since are dead ([`Interp::in_arena`])
//!    or inside a container that is itself protected (the decoder's
//!    checkpoints), and never above its current height. `Value` is `Copy` and
//!    carries no lifetime, so this is the one rule the layer leaves to its
//!    callers: a `Value` does not outlive the `in_arena` scope that made it.
//! 5. **Borrowed bytes.** Slices read out of mruby (String bytes, symbol
//!    names, class names) are used before any Ruby code runs again: the
//!    encoder copies each one into its output before asking for the next
//!    node and calls no Ruby method. mruby's GC does not move objects, and a
//!    String's buffer changes only when Ruby code mutates it. Symbol names of
//!    inline symbols live in `mrb->symbuf`, rewritten by the next name lookup:
//!    again, each is copied first.
//!
//! What may raise: the protected runs (`kobako_eval_source`,
//! `kobako_compile`, `kobako_run_bytecode`, `kobako_run_entrypoint`,
//! `kobako_call_kobako`, `kobako_seed_random`, `kobako_exception_info`) catch
//! every mruby exception themselves. The plain readers allocate nothing and
//! cannot raise. What allocates — every builder, `kobako_bigint_hex`,
//! `kobako_class_name` of an anonymous class — can raise NoMemoryError; a
//! script can also make `kobako_hash_set` run its own `#hash`/`#eql?` (Array
//! and Hash keys) and `kobako_new_handle` raise NameError (by removing
//! `Kobako::Handle`). mruby then longjmps, a wasm `throw`, past the Rust
//! frames up to its nearest handler: for a Service reply, the VM around
//! `Kobako.__dispatch`, so the script sees the exception at its call
//! (test/guest_ffi_test.rb); for a yield request, the throw leaves
//! `kobako_yield` and the host hands it on to the Service call waiting in
//! `kobako_eval`; with no handler at all (encoding the outcome), an abort,
//! which the host reports as a trap. No skipped Rust frame runs again and
//! none is left borrowed; their destructors are skipped, which leaks the
//! heap they own (the request bytes, a reply buffer: ~32 bytes a raise)
//! until the instance ends with its invocation.

use crate::decode::{DecodeError, ValueSink};
use crate::encode::{EncodeError, Node, PairVisitor, ValueSource};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::NonNull;

#[repr(C)]
struct MrbState {
    _private: [u8; 0],
}

/// `sizeof(mrb_value)` under this build's boxing (MRB_NAN_BOXING, see
/// wasm/build.rb's MRUBY_DEFINES: one 64-bit word, 8-aligned). The one place
/// it is spelled; boot checks it against C.
const VALUE_SIZE: usize = 8;

/// An `mrb_value`, opaque to Rust (invariant 2).
#[repr(C, align(8))]
#[derive(Clone, Copy)]
pub struct Value([u8; VALUE_SIZE]);

impl Value {
    /// `nil`: all zero bytes under every boxing mruby 3.2 offers.
    const fn nil() -> Value {
        Value([0; VALUE_SIZE])
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
    fn kobako_boot(prelude: *const u8, len: usize) -> *mut MrbState;
    fn kobako_eval_source(
        mrb: *mut MrbState,
        src: *const u8,
        len: usize,
        filename: *const c_char,
        out: *mut Value,
        line: *mut c_int,
    ) -> c_int;
    fn kobako_compile(
        mrb: *mut MrbState,
        src: *const u8,
        len: usize,
        filename: *const c_char,
        debug: c_int,
        out: *mut Value,
        line: *mut c_int,
    ) -> c_int;
    fn kobako_run_bytecode(
        mrb: *mut MrbState,
        bin: *const u8,
        len: usize,
        out: *mut Value,
    ) -> c_int;
    fn kobako_run_entrypoint(mrb: *mut MrbState, request: *const Value, out: *mut Value) -> c_int;
    fn kobako_seed_random(mrb: *mut MrbState);
    fn kobako_random_mark(mrb: *mut MrbState) -> i64;
    fn kobako_is_out_of_memory(mrb: *mut MrbState, exc: *const Value) -> c_int;
    fn kobako_exception_info(
        mrb: *mut MrbState,
        exc: *const Value,
        message: *mut Value,
        backtrace: *mut Value,
    );
    fn kobako_gc_arena_save(mrb: *mut MrbState) -> c_int;
    fn kobako_gc_arena_restore(mrb: *mut MrbState, idx: c_int);
    fn kobako_value_size() -> usize;

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
    fn kobako_call_kobako(
        mrb: *mut MrbState,
        name: *const c_char,
        arg: *const Value,
        out: *mut Value,
    ) -> c_int;
}

/// What a protected run left: the shim's status (0 value, 1 raised, 2 does
/// not parse, 3 bytecode refused; see `protected_run` in shim.c), the value
/// or exception or message, and the line of a syntax error.
pub struct Ran {
    pub status: c_int,
    pub value: Value,
    pub line: c_int,
}

/// The live interpreter (invariant 1).
#[derive(Clone, Copy)]
pub struct Interp(NonNull<MrbState>);

impl Interp {
    /// Opens mruby and runs the prelude; None when either fails.
    pub fn boot(prelude: &str) -> Option<Interp> {
        // SAFETY: kobako_value_size only returns a constant.
        let c_size = unsafe { kobako_value_size() };
        assert_eq!(c_size, std::mem::size_of::<Value>(), "mrb_value size");
        // SAFETY: the pointer and length describe `prelude`, which outlives
        // the call; the shim copies it into an mruby String first.
        NonNull::new(unsafe { kobako_boot(prelude.as_ptr(), prelude.len()) }).map(Interp)
    }

    fn ptr(self) -> *mut MrbState {
        self.0.as_ptr()
    }

    /// A decoder's sink building values in this interpreter.
    pub fn builder(self) -> Builder {
        Builder(self)
    }

    /// Runs `f`, then drops every GC protection taken while it ran
    /// (invariant 4: the values `f` made must not outlive it).
    pub fn in_arena<R>(self, f: impl FnOnce() -> R) -> R {
        let mark = self.arena_mark();
        let result = f();
        self.arena_restore(mark);
        result
    }

    fn arena_mark(self) -> c_int {
        // SAFETY: (1) live state; mrb_gc_arena_save only reads its index.
        unsafe { kobako_gc_arena_save(self.ptr()) }
    }

    /// Lowers the arena to `mark`, never raises it: slots above the current
    /// height hold stale pointers the GC must not mark again.
    fn arena_restore(self, mark: c_int) {
        if (0..=self.arena_mark()).contains(&mark) {
            // SAFETY: (1) live state; `mark` is at or below the current
            // height (checked just above), so only protections taken after
            // it are dropped, and their values are dead or held (4).
            unsafe { kobako_gc_arena_restore(self.ptr(), mark) }
        }
    }

    /// Evaluates `src` as the file `filename` (shim.c kobako_eval_source).
    pub fn eval_source(self, src: &[u8], filename: &CStr) -> Ran {
        let (mut value, mut line) = (Value::nil(), 0);
        // SAFETY: (1) live state; `src` and `filename` (NUL-terminated) are
        // borrowed for the call; `value` and `line` are writable. The run is
        // protected, so mruby cannot longjmp out of it.
        let status = unsafe {
            kobako_eval_source(
                self.ptr(),
                src.as_ptr(),
                src.len(),
                filename.as_ptr(),
                &mut value,
                &mut line,
            )
        };
        Ran {
            status,
            value,
            line,
        }
    }

    /// Source → RITE bytecode (a binary String) with mruby's own compiler.
    pub fn compile(self, src: &[u8], filename: &CStr, debug: bool) -> Ran {
        let (mut value, mut line) = (Value::nil(), 0);
        // SAFETY: as in `eval_source`; `debug` is a plain flag.
        let status = unsafe {
            kobako_compile(
                self.ptr(),
                src.as_ptr(),
                src.len(),
                filename.as_ptr(),
                c_int::from(debug),
                &mut value,
                &mut line,
            )
        };
        Ran {
            status,
            value,
            line,
        }
    }

    /// Loads RITE bytecode and runs its top level. mruby's loader trusts
    /// its input: callers run only binaries `rite::verify` accepted
    /// (docs/bytecode.md) or ones this guest compiled.
    pub fn run_bytecode(self, bytecode: &[u8]) -> Ran {
        let mut value = Value::nil();
        // SAFETY: (1) live state; `bytecode` is borrowed for the call and
        // `value` writable; the run is protected.
        let status = unsafe {
            kobako_run_bytecode(self.ptr(), bytecode.as_ptr(), bytecode.len(), &mut value)
        };
        Ran {
            status,
            value,
            line: 0,
        }
    }

    /// `Kobako.__run(request)` on the VM: `request` is `[name, [args, kwargs]]`.
    pub fn run_entrypoint(self, request: &Value) -> Ran {
        let mut value = Value::nil();
        // SAFETY: (1) live state; (2) `request` is a whole Value kept alive by
        // the caller's arena (4); `value` writable; the run is protected.
        let status = unsafe { kobako_run_entrypoint(self.ptr(), request, &mut value) };
        Ran {
            status,
            value,
            line: 0,
        }
    }

    /// `Kobako.<name>(arg)`, protected: Ok(value) or Err(exception).
    pub fn call_kobako(self, name: &CStr, arg: &Value) -> Result<Value, Value> {
        let mut out = Value::nil();
        // SAFETY: (1) live state; `name` NUL-terminated and borrowed; (2) and
        // (4) for `arg`; `out` writable; the call is protected.
        let failed = unsafe { kobako_call_kobako(self.ptr(), name.as_ptr(), arg, &mut out) };
        if failed == 0 {
            Ok(out)
        } else {
            Err(out)
        }
    }

    /// Seeds Random from WASI entropy (protected; failure leaves it as is).
    pub fn seed_random(self) {
        // SAFETY: (1) live state; the srand call is protected.
        unsafe { kobako_seed_random(self.ptr()) }
    }

    /// A word of Random's state, read by re-seeding it with the last seed
    /// (shim.c): equal marks around some code mean it drew no random
    /// numbers; -1 when it could not be read.
    pub fn random_mark(self) -> i64 {
        // SAFETY: (1) live state; the srand call is protected.
        unsafe { kobako_random_mark(self.ptr()) }
    }

    /// Whether `exc` is mruby's own NoMemoryError (its allocator failed).
    pub fn is_out_of_memory(self, exc: &Value) -> bool {
        // SAFETY: (1) live state; (2) `exc` is a whole Value; only compared.
        unsafe { kobako_is_out_of_memory(self.ptr(), exc) != 0 }
    }

    /// `exc.message` and `exc.backtrace`, each protected; nil when unreadable.
    pub fn exception_info(self, exc: &Value) -> (Value, Value) {
        let (mut message, mut backtrace) = (Value::nil(), Value::nil());
        // SAFETY: (1) live state; (2) and (4) for `exc`; both outs writable;
        // each method call is protected.
        unsafe { kobako_exception_info(self.ptr(), exc, &mut message, &mut backtrace) };
        (message, backtrace)
    }

    /// The class name of `v` (may allocate for an anonymous class).
    pub fn class_name(&self, v: &Value) -> &str {
        // SAFETY: (1) live state; (2) and (4) for `v`. The name lives in a
        // String on the arena or the class's own name, valid while it is
        // used (5).
        unsafe { cstr(kobako_class_name(self.ptr(), v)) }
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

    fn kind(&self, v: &Value) -> c_int {
        // SAFETY: (2) `v` is a whole Value; kobako_kind only reads its tag
        // (and a CDATA's type pointer, which every live CDATA has (4)).
        unsafe { kobako_kind(v) }
    }
}

/// A NUL-terminated C string as `&str`; "" for NULL or non-UTF-8.
///
/// # Safety
/// `p` is NULL or points at a NUL-terminated string that stays unchanged for
/// `'a`.
unsafe fn cstr<'a>(p: *const c_char) -> &'a str {
    if p.is_null() {
        return "";
    }
    // SAFETY: non-NULL and NUL-terminated per this function's contract.
    unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("")
}

/// `len` bytes at `p` as a slice; empty when `len` is 0 (`p` may be NULL).
///
/// # Safety
/// When `len` > 0, `p` points at `len` initialized bytes that stay unchanged
/// for `'a`.
unsafe fn bytes<'a>(p: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        // SAFETY: per this function's contract; `len` came from the same C
        // call as `p`, which read it off the object.
        unsafe { std::slice::from_raw_parts(p, len) }
    }
}

impl ValueSource for Interp {
    type Value = Value;

    fn node(&self, v: &Value) -> Node<'_> {
        let mrb = self.ptr();
        let kind = self.kind(v);
        // SAFETY: for every arm, (1) live state; (2) `v` is a whole Value, alive
        // (4); each reader is the one for the `kind` just read (3); the
        // returned pointers and lengths come from one C call each and the
        // bytes stay put while the encoder uses them (5).
        unsafe {
            match kind {
                NIL => Node::Nil,
                FALSE => Node::Bool(false),
                TRUE => Node::Bool(true),
                INTEGER => Node::Int(kobako_integer(v)),
                FLOAT => Node::Float(kobako_float(v)),
                SYMBOL => {
                    let mut len = 0;
                    let p = kobako_symbol_name(mrb, v, &mut len);
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
                HASH => Node::Hash(kobako_hash_size(mrb, v)),
                BIGINT => {
                    let mut len = 0;
                    let p = kobako_bigint_hex(mrb, v, &mut len);
                    Node::BigInt(crate::encode::bigint_payload(bytes(p.cast(), len)))
                }
                HANDLE => Node::Handle(kobako_handle_id(v)),
                _ => Node::Other(self.class_name(v)),
            }
        }
    }

    /// Item `index` of an Array; nil past its end or for a non-Array.
    fn array_at(&self, v: &Value, index: usize) -> Value {
        let mut out = Value::nil();
        if self.kind(v) != ARRAY {
            return out;
        }
        // SAFETY: (3) `v` is an Array, alive (4).
        if index < unsafe { kobako_array_len(v) } {
            // SAFETY: (3) an Array and `index` below its length (checked just
            // above, and no Ruby code ran in between); `out` writable.
            unsafe { kobako_array_at(v, index, &mut out) };
        }
        out
    }

    fn hash_each(&self, v: &Value, visit: &mut PairVisitor<'_, Value>) -> Result<(), EncodeError> {
        struct Walk<'a> {
            visit: &'a mut PairVisitor<'a, Value>,
            result: Result<(), EncodeError>,
        }
        extern "C" fn pair(k: *const Value, v: *const Value, data: *mut c_void) -> c_int {
            // SAFETY: `data` is the `&mut Walk` hash_each passed below, alive
            // for the whole kobako_hash_each call and borrowed by nothing else
            // meanwhile.
            let walk = unsafe { &mut *data.cast::<Walk>() };
            // SAFETY: `k` and `v` point at the pair's mrb_values on the C
            // trampoline's stack, valid for this call; the visitor only
            // borrows them for it.
            walk.result = unsafe { (walk.visit)(&*k, &*v) };
            c_int::from(walk.result.is_err())
        }
        if self.kind(v) != HASH {
            return Ok(());
        }
        let mut walk = Walk {
            visit,
            result: Ok(()),
        };
        // SAFETY: (1) live state; (3) `v` is a Hash, alive (4); `walk`
        // outlives the call. The visitor runs no Ruby code, so the Hash is
        // not modified while mruby iterates it.
        unsafe { kobako_hash_each(self.ptr(), v, pair, (&mut walk as *mut Walk).cast()) };
        walk.result
    }

    fn identity(&self, v: &Value) -> usize {
        // SAFETY: (2) `v` is a whole Value; only its pointer field is read,
        // never dereferenced.
        unsafe { kobako_object_id(v) as usize }
    }
}

/// Builds mruby values for the decoder. Every value it makes sits on the GC
/// arena until its container holds it (invariant 4).
pub struct Builder(Interp);

impl Builder {
    fn make(&mut self, f: impl FnOnce(*mut MrbState, *mut Value)) -> Value {
        let mut out = Value::nil();
        f(self.0.ptr(), &mut out);
        out
    }

    pub fn str(&mut self, text: &str) -> Value {
        self.string(text.as_bytes(), false)
    }
}

// The builders' SAFETY: `mrb` is the live state (1) and `o` a
// writable Value slot (`make`); byte arguments are borrowed for the call;
// value arguments are whole Values (2) kept alive by the arena (4). A builder
// may raise (see the top of this file).
impl ValueSink for Builder {
    type Value = Value;

    fn nil(&mut self) -> Value {
        // SAFETY: see above the impl.
        self.make(|_, o| unsafe { kobako_new_nil(o) })
    }
    fn boolean(&mut self, b: bool) -> Value {
        // SAFETY: see above the impl.
        self.make(|_, o| unsafe { kobako_new_bool(c_int::from(b), o) })
    }
    fn int(&mut self, i: i64) -> Value {
        // SAFETY: see above the impl.
        self.make(|mrb, o| unsafe { kobako_new_int(mrb, i, o) })
    }
    fn float(&mut self, f: f64) -> Value {
        // SAFETY: see above the impl.
        self.make(|mrb, o| unsafe { kobako_new_float(mrb, f, o) })
    }
    fn string(&mut self, bytes: &[u8], binary: bool) -> Value {
        let binary = c_int::from(binary);
        // SAFETY: see above the impl; mruby copies the bytes.
        self.make(|mrb, o| unsafe {
            kobako_new_string(mrb, bytes.as_ptr(), bytes.len(), binary, o)
        })
    }
    fn symbol(&mut self, name: &[u8]) -> Result<Value, DecodeError> {
        // SAFETY: see above the impl; mruby copies the name.
        Ok(self.make(|mrb, o| unsafe { kobako_new_symbol(mrb, name.as_ptr(), name.len(), o) }))
    }
    fn handle(&mut self, id: u32) -> Value {
        // SAFETY: see above the impl.
        self.make(|mrb, o| unsafe { kobako_new_handle(mrb, id, o) })
    }
    fn bigint(&mut self, negative: bool, magnitude: &[u8]) -> Value {
        let hex: Vec<u8> = magnitude
            .iter()
            .flat_map(|b| [b >> 4, b & 0x0f])
            .map(|n| b"0123456789abcdef"[usize::from(n)])
            .collect();
        let negative = c_int::from(negative);
        // SAFETY: see above the impl; `hex` holds exactly `hex.len()` digits.
        self.make(|mrb, o| unsafe {
            kobako_new_bigint_hex(mrb, hex.as_ptr().cast(), hex.len(), negative, o)
        })
    }
    fn array(&mut self, capacity: usize) -> Value {
        // SAFETY: see above the impl.
        self.make(|mrb, o| unsafe { kobako_new_array(mrb, capacity, o) })
    }
    fn push(&mut self, array: &Value, item: Value) {
        if self.0.kind(array) == ARRAY {
            // SAFETY: see above the impl; `array` is an Array (3).
            unsafe { kobako_array_push(self.0.ptr(), array, &item) }
        }
    }
    fn hash(&mut self, capacity: usize) -> Value {
        // SAFETY: see above the impl.
        self.make(|mrb, o| unsafe { kobako_new_hash(mrb, capacity, o) })
    }
    fn insert(&mut self, hash: &Value, key: Value, value: Value) {
        if self.0.kind(hash) == HASH {
            // SAFETY: see above the impl; `hash` is a Hash (3).
            unsafe { kobako_hash_set(self.0.ptr(), hash, &key, &value) }
        }
    }
    fn checkpoint(&mut self) -> usize {
        self.0.arena_mark() as usize
    }
    fn restore(&mut self, checkpoint: usize) {
        if let Ok(mark) = c_int::try_from(checkpoint) {
            self.0.arena_restore(mark);
        }
    }
}

/// Called by `Kobako.__dispatch` (shim.c) with its own state. 0: `*out` is
/// the reply. Else `*out` is a message and `*error_class` the exception
/// class to raise. The work is `service::dispatch`; this only crosses the
/// pointers.
#[no_mangle]
extern "C" fn kobako_rs_dispatch(
    mrb: *mut MrbState,
    request: *const Value,
    out: *mut Value,
    error_class: *mut *const c_char,
) -> c_int {
    let interp = Interp(NonNull::new(mrb).expect("the shim passes its own state"));
    // SAFETY: the shim passes a pointer to its local copy of the method's
    // argument, a whole Value (2) that the VM stack keeps alive (4) for this
    // whole call.
    let request = unsafe { &*request };
    let (result, class) = match crate::service::dispatch(interp, request) {
        Ok(reply) => (reply, None),
        Err((class, message)) => (interp.builder().str(&message), Some(class)),
    };
    // SAFETY: `out` and `error_class` point at the shim's locals, writable
    // and unaliased for this call; a class name is a `'static` C string.
    unsafe {
        *out = result;
        if let Some(class) = class {
            *error_class = class.as_ptr();
        }
    }
    c_int::from(class.is_some())
}
