//! The host side of the wire's MessagePack (docs/wire.md, "Payloads"),
//! written here instead of using the msgpack gem: values are packed straight
//! from Ruby objects and unpacked straight into them, every declared length
//! is checked against the bytes that remain before anything is allocated,
//! and the caps (16 MiB, 128 levels) are decided in one pass.
//!
//! Ruby reaches it as `Kobako::Native::Codec` (`lib/kobako/codec.rb`); the
//! errors it raises are `Kobako::Codec::Error`, defined on the Ruby side.

mod decode;
mod encode;

use magnus::{function, prelude::*, Error, ExceptionClass, RModule, RString, Ruby, Value};

pub use crate::wire::MAX_MESSAGE;

/// Containers a message may nest, on both sides of the wire.
pub const MAX_DEPTH: usize = 128;
/// Ext type of a Symbol: the name's UTF-8 bytes.
pub const SYMBOL_EXT: i8 = 0;
/// Ext type of a Handle: its id as 4 bytes, big-endian, never 0.
pub const HANDLE_EXT: i8 = 1;

/// Why a value or message cannot cross; raised as `Kobako::Codec::Error`.
pub struct CodecError(pub String);

impl CodecError {
    fn raise(self, ruby: &Ruby) -> Error {
        match codec_error_class(ruby) {
            Ok(class) => Error::new(class, self.0),
            Err(error) => error,
        }
    }
}

/// A codec failure or a Ruby exception raised while walking a value (from a
/// `#encode` transcoding, say): the latter propagates unchanged.
pub enum Failure {
    Codec(CodecError),
    Ruby(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Ruby(error)
    }
}

impl Failure {
    pub fn codec(message: impl Into<String>) -> Self {
        Failure::Codec(CodecError(message.into()))
    }

    fn into_error(self, ruby: &Ruby) -> Error {
        match self {
            Failure::Codec(error) => error.raise(ruby),
            Failure::Ruby(error) => error,
        }
    }
}

fn kobako(ruby: &Ruby) -> Result<RModule, Error> {
    ruby.class_object().const_get("Kobako")
}

fn codec_error_class(ruby: &Ruby) -> Result<ExceptionClass, Error> {
    kobako(ruby)?
        .const_get::<_, RModule>("Codec")?
        .const_get("Error")
}

/// `Kobako::Native::Codec.dump(obj)` → binary String.
fn dump(ruby: &Ruby, value: Value) -> Result<RString, Error> {
    let bytes = encode::encode(ruby, value).map_err(|f| f.into_error(ruby))?;
    let out = ruby.str_from_slice(&bytes);
    Ok(out)
}

/// `Kobako::Native::Codec.load(bytes)` → the one value the bytes hold.
fn load(ruby: &Ruby, bytes: RString) -> Result<Value, Error> {
    // SAFETY: the slice is read before any Ruby code can run; decoding
    // creates Ruby objects but runs no Ruby methods that could mutate or
    // free `bytes` (it stays referenced from this frame).
    let slice = unsafe { bytes.as_slice() };
    decode::decode(ruby, slice).map_err(|f| f.into_error(ruby))
}

/// `Kobako::Native::Codec.load_envelope(bytes)` → `[key, value]` of a
/// one-entry map. The envelope does not count toward the value's nesting.
fn load_envelope(ruby: &Ruby, bytes: RString) -> Result<Value, Error> {
    // SAFETY: as in `load`.
    let slice = unsafe { bytes.as_slice() };
    decode::decode_envelope(ruby, slice).map_err(|f| f.into_error(ruby))
}

pub fn define(ruby: &Ruby, native: RModule) -> Result<(), Error> {
    let codec = native.define_module("Codec")?;
    codec.const_set("MAX_MESSAGE", MAX_MESSAGE)?;
    codec.const_set("MAX_DEPTH", MAX_DEPTH)?;
    codec.const_set("SYMBOL_EXT", SYMBOL_EXT)?;
    codec.const_set("HANDLE_EXT", HANDLE_EXT)?;
    codec.define_singleton_method("dump", function!(dump, 1))?;
    codec.define_singleton_method("load", function!(load, 1))?;
    codec.define_singleton_method("load_envelope", function!(load_envelope, 1))?;
    let _ = ruby;
    Ok(())
}
