//! MessagePack → Ruby value, for bytes that came from the guest and are
//! therefore hostile: every declared length is checked against the bytes
//! that remain *before* anything is allocated (an array of n elements needs
//! at least n more bytes, a map 2n, a str/bin/ext its whole payload), nesting
//! stops at `MAX_DEPTH`, str payloads must be UTF-8, and the value must end
//! exactly where the message does.

use magnus::{prelude::*, RArray, RClass, RModule, Ruby, Value};

use super::{Failure, HANDLE_EXT, MAX_DEPTH, MAX_MESSAGE, SYMBOL_EXT};

pub fn decode(ruby: &Ruby, bytes: &[u8]) -> Result<Value, Failure> {
    let mut reader = Reader::new(ruby, bytes)?;
    let value = reader.value(0)?;
    reader.finish()?;
    Ok(value)
}

/// A one-entry map `{key => value}` as `[key, value]`.
pub fn decode_envelope(ruby: &Ruby, bytes: &[u8]) -> Result<Value, Failure> {
    let mut reader = Reader::new(ruby, bytes)?;
    let entries = match reader.byte()? {
        b @ 0x80..=0x8f => usize::from(b & 0x0f),
        0xde => reader.uint(2)? as usize,
        0xdf => reader.uint(4)? as usize,
        _ => return Err(Failure::codec("expected a one-entry map")),
    };
    if entries != 1 {
        return Err(Failure::codec(format!(
            "expected a one-entry map, got {entries} entries"
        )));
    }
    let key = reader.value(0)?;
    let value = reader.value(0)?;
    reader.finish()?;
    Ok(ruby.ary_new_from_values(&[key, value]).as_value())
}

struct Reader<'r, 'b> {
    ruby: &'r Ruby,
    bytes: &'b [u8],
    pos: usize,
    handle_class: Option<RClass>,
}

fn malformed(reason: impl std::fmt::Display) -> Failure {
    Failure::codec(format!("malformed message ({reason})"))
}

impl<'r, 'b> Reader<'r, 'b> {
    fn new(ruby: &'r Ruby, bytes: &'b [u8]) -> Result<Self, Failure> {
        if bytes.len() > MAX_MESSAGE {
            return Err(Failure::codec(format!(
                "message is {} bytes, over the {MAX_MESSAGE}-byte (16 MiB) cap",
                bytes.len()
            )));
        }
        Ok(Reader {
            ruby,
            bytes,
            pos: 0,
            handle_class: None,
        })
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn finish(&self) -> Result<(), Failure> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(malformed(format!("{n} trailing bytes after the value"))),
        }
    }

    fn take(&mut self, len: usize) -> Result<&'b [u8], Failure> {
        if len > self.remaining() {
            return Err(malformed(format!(
                "truncated: {len} bytes declared, {} remain",
                self.remaining()
            )));
        }
        let slice = &self.bytes[self.pos..self.pos + len];
        self.pos += len;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, Failure> {
        Ok(self.take(1)?[0])
    }

    /// A big-endian unsigned integer of `width` bytes.
    fn uint(&mut self, width: usize) -> Result<u64, Failure> {
        Ok(self
            .take(width)?
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
    }

    fn value(&mut self, depth: usize) -> Result<Value, Failure> {
        let ruby = self.ruby;
        let marker = self.byte()?;
        let value = match marker {
            0x00..=0x7f => ruby.integer_from_i64(i64::from(marker)).as_value(),
            0xe0..=0xff => ruby.integer_from_i64(i64::from(marker as i8)).as_value(),
            0xc0 => ruby.qnil().as_value(),
            0xc2 => ruby.qfalse().as_value(),
            0xc3 => ruby.qtrue().as_value(),
            0xcc => self.unsigned(1)?,
            0xcd => self.unsigned(2)?,
            0xce => self.unsigned(4)?,
            0xcf => self.unsigned(8)?,
            0xd0 => self.signed(1)?,
            0xd1 => self.signed(2)?,
            0xd2 => self.signed(4)?,
            0xd3 => self.signed(8)?,
            0xca => {
                let bits = self.uint(4)? as u32;
                ruby.float_from_f64(f64::from(f32::from_bits(bits)))
                    .as_value()
            }
            0xcb => ruby
                .float_from_f64(f64::from_bits(self.uint(8)?))
                .as_value(),
            0xa0..=0xbf => self.str(usize::from(marker & 0x1f))?,
            0xd9 => self.sized(1, Self::str)?,
            0xda => self.sized(2, Self::str)?,
            0xdb => self.sized(4, Self::str)?,
            0xc4 => self.sized(1, Self::bin)?,
            0xc5 => self.sized(2, Self::bin)?,
            0xc6 => self.sized(4, Self::bin)?,
            0x90..=0x9f => self.array(usize::from(marker & 0x0f), depth)?,
            0xdc => {
                let len = self.uint(2)? as usize;
                self.array(len, depth)?
            }
            0xdd => {
                let len = self.uint(4)? as usize;
                self.array(len, depth)?
            }
            0x80..=0x8f => self.map(usize::from(marker & 0x0f), depth)?,
            0xde => {
                let len = self.uint(2)? as usize;
                self.map(len, depth)?
            }
            0xdf => {
                let len = self.uint(4)? as usize;
                self.map(len, depth)?
            }
            0xd4 => self.ext(1)?,
            0xd5 => self.ext(2)?,
            0xd6 => self.ext(4)?,
            0xd7 => self.ext(8)?,
            0xd8 => self.ext(16)?,
            0xc7 => {
                let len = self.uint(1)? as usize;
                self.ext(len)?
            }
            0xc8 => {
                let len = self.uint(2)? as usize;
                self.ext(len)?
            }
            0xc9 => {
                let len = self.uint(4)? as usize;
                self.ext(len)?
            }
            0xc1 => return Err(malformed("0xc1 is never used")),
        };
        Ok(value)
    }

    fn sized(
        &mut self,
        width: usize,
        read: fn(&mut Self, usize) -> Result<Value, Failure>,
    ) -> Result<Value, Failure> {
        let len = self.uint(width)? as usize;
        read(self, len)
    }

    fn unsigned(&mut self, width: usize) -> Result<Value, Failure> {
        let n = self.uint(width)?;
        let Ok(n) = i64::try_from(n) else {
            return Err(Failure::codec(format!(
                "Integer {n} is outside the signed 64-bit range"
            )));
        };
        Ok(self.ruby.integer_from_i64(n).as_value())
    }

    fn signed(&mut self, width: usize) -> Result<Value, Failure> {
        let raw = self.uint(width)?;
        let shift = 64 - 8 * width as u32;
        let n = ((raw << shift) as i64) >> shift;
        Ok(self.ruby.integer_from_i64(n).as_value())
    }

    fn str(&mut self, len: usize) -> Result<Value, Failure> {
        let bytes = self.take(len)?;
        let text = std::str::from_utf8(bytes)
            .map_err(|_| Failure::codec("str payload is not valid UTF-8"))?;
        Ok(self.ruby.str_new(text).as_value())
    }

    fn bin(&mut self, len: usize) -> Result<Value, Failure> {
        let bytes = self.take(len)?;
        Ok(self.ruby.str_from_slice(bytes).as_value())
    }

    fn enter(&self, depth: usize) -> Result<(), Failure> {
        if depth >= MAX_DEPTH {
            return Err(Failure::codec(format!(
                "nesting deeper than {MAX_DEPTH} levels"
            )));
        }
        Ok(())
    }

    fn array(&mut self, len: usize, depth: usize) -> Result<Value, Failure> {
        self.enter(depth)?;
        // Every element takes at least one byte.
        if len > self.remaining() {
            return Err(malformed(format!(
                "an array of {len} elements declared, {} bytes remain",
                self.remaining()
            )));
        }
        let array: RArray = self.ruby.ary_new_capa(len);
        for _ in 0..len {
            let item = self.value(depth + 1)?;
            array.push(item)?;
        }
        Ok(array.as_value())
    }

    fn map(&mut self, len: usize, depth: usize) -> Result<Value, Failure> {
        self.enter(depth)?;
        // Every key and every value takes at least one byte.
        if len.saturating_mul(2) > self.remaining() {
            return Err(malformed(format!(
                "a map of {len} entries declared, {} bytes remain",
                self.remaining()
            )));
        }
        let hash = self.ruby.hash_new();
        for _ in 0..len {
            let key = self.value(depth + 1)?;
            let value = self.value(depth + 1)?;
            hash.aset(key, value)?;
        }
        Ok(hash.as_value())
    }

    fn ext(&mut self, len: usize) -> Result<Value, Failure> {
        let tag = self.byte()? as i8;
        let payload = self.take(len)?;
        match tag {
            SYMBOL_EXT => {
                let name = std::str::from_utf8(payload)
                    .map_err(|_| Failure::codec("Symbol name is not valid UTF-8"))?;
                Ok(self.ruby.to_symbol(name).as_value())
            }
            HANDLE_EXT => self.handle(payload),
            other => Err(malformed(format!("unknown ext type {other}"))),
        }
    }

    fn handle(&mut self, payload: &[u8]) -> Result<Value, Failure> {
        let Ok(bytes) = <[u8; 4]>::try_from(payload) else {
            return Err(Failure::codec(format!(
                "Handle payload must be 4 bytes, got {}",
                payload.len()
            )));
        };
        let id = u32::from_be_bytes(bytes);
        if id == 0 {
            return Err(Failure::codec("Handle id 0 is never issued"));
        }
        let class = match self.handle_class {
            Some(class) => class,
            None => {
                let kobako: RModule = self.ruby.class_object().const_get("Kobako")?;
                let class: RClass = kobako.const_get("Handle")?;
                *self.handle_class.insert(class)
            }
        };
        Ok(class.funcall("from_wire", (id,))?)
    }
}
