//! Guest values → MessagePack, with the wire's caps (docs/wire.md).
//!
//! The walk is written against [`ValueSource`] rather than mruby directly so
//! the same code is unit-tested on the host with a plain Rust value tree.

use crate::limits::{MAX_DEPTH, MAX_MESSAGE};

pub const EXT_SYMBOL: i8 = 0;
pub const EXT_HANDLE: i8 = 1;
/// An Integer beyond signed 64-bit: a sign byte (0 positive, 1 negative),
/// then the magnitude, big-endian.
pub const EXT_BIGINT: i8 = 2;

/// What one guest value is, as far as the wire cares.
pub enum Node<'a> {
    Nil,
    Bool(bool),
    Int(i64),
    /// An Integer beyond signed 64-bit, as its ext 2 payload
    /// (see [`bigint_payload`]).
    BigInt(Vec<u8>),
    Float(f64),
    Symbol(&'a [u8]),
    Str {
        bytes: &'a [u8],
        binary: bool,
    },
    Array(usize),
    Hash(usize),
    /// A host object the guest holds by id.
    Handle(u32),
    /// Anything else; carries the class name for the error message.
    Other(&'a str),
}

/// Called for each key/value pair of a Hash.
pub type PairVisitor<'a, V> = dyn FnMut(&V, &V) -> Result<(), EncodeError> + 'a;

/// Read access to a tree of guest values.
pub trait ValueSource {
    type Value: Copy;

    fn node(&self, value: &Self::Value) -> Node<'_>;
    fn array_at(&self, array: &Self::Value, index: usize) -> Self::Value;
    /// Visits pairs in insertion order; stops at the first error.
    fn hash_each(
        &self,
        hash: &Self::Value,
        visit: &mut PairVisitor<'_, Self::Value>,
    ) -> Result<(), EncodeError>;
    /// Identity of a container, for cycle detection.
    fn identity(&self, value: &Self::Value) -> usize;
}

#[derive(Debug, PartialEq, Eq)]
pub enum EncodeError {
    NotRepresentable(String),
    TooDeep,
    Cycle,
    TooLarge,
    InvalidUtf8,
    SymbolNotUtf8,
}

impl EncodeError {
    /// The guest exception class the host sees (`SandboxError#klass`).
    pub fn class(&self) -> &'static str {
        self.class_c().to_str().unwrap_or("TypeError")
    }

    pub fn class_c(&self) -> &'static std::ffi::CStr {
        match self {
            EncodeError::NotRepresentable(_) | EncodeError::Cycle => c"TypeError",
            EncodeError::TooDeep | EncodeError::TooLarge => c"RangeError",
            EncodeError::InvalidUtf8 | EncodeError::SymbolNotUtf8 => c"EncodingError",
        }
    }

    pub fn message(&self) -> String {
        match self {
            EncodeError::NotRepresentable(class) => format!(
                "{class} cannot cross the sandbox boundary (only nil, true, false, \
                 Integer, Float, String, Symbol, Array and Hash can)"
            ),
            EncodeError::TooDeep => {
                format!("nesting deeper than {MAX_DEPTH} levels cannot cross the sandbox boundary")
            }
            EncodeError::Cycle => "a cyclic Array or Hash cannot cross the sandbox boundary".into(),
            EncodeError::TooLarge => format!(
                "value too large: a message across the sandbox boundary is capped at {} MiB",
                MAX_MESSAGE >> 20
            ),
            EncodeError::InvalidUtf8 => {
                "String is not valid UTF-8; use String#b to return binary data".into()
            }
            EncodeError::SymbolNotUtf8 => {
                "Symbol name is not valid UTF-8 and cannot cross the sandbox boundary".into()
            }
        }
    }
}

/// Appends the MessagePack form of `value` to `out`, refusing to let `out`
/// grow past `limit` bytes.
pub fn encode<S: ValueSource>(
    source: &S,
    value: &S::Value,
    out: &mut Vec<u8>,
    limit: usize,
) -> Result<(), EncodeError> {
    encode_enveloped(source, value, out, limit, 0)
}

/// [`encode`] for a message whose `envelope` outer levels hold the values it
/// carries rather than being one (a Service request `[target, method, [args],
/// {kwargs}, block]` has 2): they do not count toward [`MAX_DEPTH`], so a
/// value may be 128 deep wherever it travels.
pub fn encode_enveloped<S: ValueSource>(
    source: &S,
    value: &S::Value,
    out: &mut Vec<u8>,
    limit: usize,
    envelope: usize,
) -> Result<(), EncodeError> {
    let mut walk = Walk {
        source,
        out,
        limit,
        max_depth: MAX_DEPTH + envelope,
        ancestors: Vec::new(),
    };
    walk.value(value)
}

/// ext 2's payload from an Integer's base-16 digits (`-` first when
/// negative, as mruby's `to_s(16)` writes them): the sign byte, then the
/// magnitude, big-endian, without leading zero bytes.
pub fn bigint_payload(hex: &[u8]) -> Vec<u8> {
    let (negative, digits) = match hex.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, hex),
    };
    let nibble = |c: u8| match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    };
    let mut out = Vec::with_capacity(1 + digits.len().div_ceil(2));
    out.push(u8::from(negative));
    // An odd count of digits: the first byte holds one.
    let (head, pairs) = digits.split_at(digits.len() % 2);
    if let [d] = head {
        out.push(nibble(*d));
    }
    out.extend(pairs.chunks(2).map(|p| (nibble(p[0]) << 4) | nibble(p[1])));
    let first_nonzero = out[1..]
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(out.len() - 2);
    out.drain(1..1 + first_nonzero);
    out
}

struct Walk<'s, 'o, S: ValueSource> {
    source: &'s S,
    out: &'o mut Vec<u8>,
    limit: usize,
    max_depth: usize,
    ancestors: Vec<usize>,
}

impl<S: ValueSource> Walk<'_, '_, S> {
    fn reserve(&mut self, extra: usize) -> Result<(), EncodeError> {
        if self.out.len().saturating_add(extra) > self.limit {
            return Err(EncodeError::TooLarge);
        }
        Ok(())
    }

    fn value(&mut self, value: &S::Value) -> Result<(), EncodeError> {
        // Headers are at most 9 bytes; bodies are checked before copying.
        self.reserve(9)?;
        let out = &mut *self.out;
        match self.source.node(value) {
            Node::Nil => rmp::encode::write_nil(out).map_err(val_io)?,
            Node::Bool(b) => rmp::encode::write_bool(out, b).map_err(val_io)?,
            Node::Int(i) => {
                rmp::encode::write_sint(out, i).map_err(val_io)?;
            }
            // mruby does not always shrink a bigint that fits back to a
            // fixnum (`-(2**63)` stays big): such a value keeps the plain
            // int encoding, like every Integer in signed 64-bit.
            Node::BigInt(payload) if fits_i64(&payload).is_some() => {
                let i = fits_i64(&payload).unwrap_or_default();
                rmp::encode::write_sint(self.out, i).map_err(val_io)?;
            }
            Node::BigInt(payload) => {
                let len = wire_len(payload.len())?;
                rmp::encode::write_ext_meta(self.out, len, EXT_BIGINT).map_err(val_io)?;
                self.body(&payload)?;
            }
            Node::Float(f) => rmp::encode::write_f64(out, f).map_err(val_io)?,
            Node::Symbol(name) => {
                std::str::from_utf8(name).map_err(|_| EncodeError::SymbolNotUtf8)?;
                let len = wire_len(name.len())?;
                rmp::encode::write_ext_meta(self.out, len, EXT_SYMBOL).map_err(val_io)?;
                self.body(name)?;
            }
            Node::Str { bytes, binary } => {
                let len = wire_len(bytes.len())?;
                if binary {
                    rmp::encode::write_bin_len(self.out, len).map_err(val_io)?;
                } else {
                    std::str::from_utf8(bytes).map_err(|_| EncodeError::InvalidUtf8)?;
                    rmp::encode::write_str_len(self.out, len).map_err(val_io)?;
                }
                self.body(bytes)?;
            }
            Node::Array(len) => {
                self.enter(value)?;
                rmp::encode::write_array_len(self.out, wire_len(len)?).map_err(val_io)?;
                for i in 0..len {
                    let item = self.source.array_at(value, i);
                    self.value(&item)?;
                }
                self.ancestors.pop();
            }
            Node::Hash(len) => {
                self.enter(value)?;
                rmp::encode::write_map_len(self.out, wire_len(len)?).map_err(val_io)?;
                let source = self.source;
                source.hash_each(value, &mut |k, v| {
                    self.value(k)?;
                    self.value(v)
                })?;
                self.ancestors.pop();
            }
            Node::Handle(id) => {
                rmp::encode::write_ext_meta(self.out, 4, EXT_HANDLE).map_err(val_io)?;
                self.out.extend_from_slice(&id.to_be_bytes());
            }
            Node::Other(class) => return Err(EncodeError::NotRepresentable(class.to_string())),
        }
        Ok(())
    }

    /// Copies a payload whose header is already written, if the message
    /// stays within the cap with it (checked before copying: the header
    /// counts too, so an outcome of exactly 16 MiB is the largest).
    fn body(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        self.reserve(bytes.len())?;
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    fn enter(&mut self, value: &S::Value) -> Result<(), EncodeError> {
        let id = self.source.identity(value);
        if self.ancestors.contains(&id) {
            return Err(EncodeError::Cycle);
        }
        if self.ancestors.len() >= self.max_depth {
            return Err(EncodeError::TooDeep);
        }
        self.ancestors.push(id);
        Ok(())
    }
}

/// The value of an ext 2 payload, if it lies in signed 64-bit.
pub fn fits_i64(payload: &[u8]) -> Option<i64> {
    let (sign, magnitude) = payload.split_first()?;
    let skip = magnitude.iter().take_while(|b| **b == 0).count();
    let magnitude = &magnitude[skip..];
    if magnitude.len() > 8 {
        return None;
    }
    let m = magnitude
        .iter()
        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    match sign {
        0 if m <= i64::MAX as u64 => Some(m as i64),
        1 if m <= 1u64 << 63 => Some((m as i64).wrapping_neg()),
        _ => None,
    }
}

fn wire_len(len: usize) -> Result<u32, EncodeError> {
    u32::try_from(len).map_err(|_| EncodeError::TooLarge)
}

// Writing into a Vec cannot fail (allocation failure aborts, a trap the host
// reports), so this only satisfies the types.
fn val_io<E>(_: E) -> EncodeError {
    EncodeError::TooLarge
}

// The test tree hands its values around by pointer (see its SAFETY notes).
#[cfg(test)]
#[allow(unsafe_code)]
mod tests;
