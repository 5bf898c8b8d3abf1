//! MessagePack → guest values (the host's replies and yields), with the
//! wire's caps. Like the encoder it is written against a trait, so the
//! parsing is unit-tested on the host.

use crate::encode::{EXT_BIGINT, EXT_HANDLE, EXT_SYMBOL};
use crate::limits::MAX_DEPTH;
use rmp::Marker;

/// Builds guest values. Containers are created first and filled in place so
/// each child is reachable (from the GC's point of view) as soon as it exists.
pub trait ValueSink {
    type Value: Copy;

    fn nil(&mut self) -> Self::Value;
    fn boolean(&mut self, b: bool) -> Self::Value;
    fn int(&mut self, i: i64) -> Self::Value;
    fn float(&mut self, f: f64) -> Self::Value;
    fn string(&mut self, bytes: &[u8], binary: bool) -> Self::Value;
    fn symbol(&mut self, name: &[u8]) -> Result<Self::Value, DecodeError>;
    fn handle(&mut self, id: u32) -> Self::Value;
    /// An Integer outside signed 64-bit; `magnitude` is big-endian, without
    /// leading zero bytes.
    fn bigint(&mut self, negative: bool, magnitude: &[u8]) -> Self::Value;
    fn array(&mut self, capacity: usize) -> Self::Value;
    fn push(&mut self, array: &Self::Value, item: Self::Value);
    fn hash(&mut self, capacity: usize) -> Self::Value;
    fn insert(&mut self, hash: &Self::Value, key: Self::Value, value: Self::Value);

    /// Marks the GC's protection stack; values made after it need no more
    /// protection once they are inside a container (see `restore`).
    fn checkpoint(&mut self) -> usize {
        0
    }
    fn restore(&mut self, _checkpoint: usize) {}
}

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    Truncated,
    Malformed(&'static str),
    IntegerRange,
    TooDeep,
    TrailingBytes,
}

impl DecodeError {
    pub fn message(&self) -> String {
        match self {
            DecodeError::Truncated => "malformed message: truncated".into(),
            DecodeError::Malformed(what) => format!("malformed message: {what}"),
            DecodeError::IntegerRange => {
                "malformed message: uint64 beyond signed 64-bit (bignums travel as ext 2)".into()
            }
            DecodeError::TooDeep => {
                format!("nesting deeper than {MAX_DEPTH} levels cannot cross the sandbox boundary")
            }
            DecodeError::TrailingBytes => "malformed message: trailing bytes".into(),
        }
    }
}

/// Decodes exactly one value spanning all of `bytes`.
pub fn decode<S: ValueSink>(sink: &mut S, bytes: &[u8]) -> Result<S::Value, DecodeError> {
    decode_enveloped(sink, bytes, 0)
}

/// [`decode`] for a message whose `envelope` outer levels carry values
/// rather than being one (see `encode_enveloped`): they do not count toward
/// [`MAX_DEPTH`].
pub fn decode_enveloped<S: ValueSink>(
    sink: &mut S,
    bytes: &[u8],
    envelope: usize,
) -> Result<S::Value, DecodeError> {
    let mut reader = Reader {
        bytes,
        pos: 0,
        max_depth: MAX_DEPTH + envelope,
    };
    let value = reader.value(sink, 0)?;
    if reader.pos != bytes.len() {
        return Err(DecodeError::TrailingBytes);
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).ok_or(DecodeError::Truncated)?;
        let slice = self
            .bytes
            .get(self.pos..end)
            .ok_or(DecodeError::Truncated)?;
        self.pos = end;
        Ok(slice)
    }

    fn uint(&mut self, width: usize) -> Result<u64, DecodeError> {
        Ok(self
            .take(width)?
            .iter()
            .fold(0u64, |acc, b| acc << 8 | u64::from(*b)))
    }

    fn len(&mut self, width: usize) -> Result<usize, DecodeError> {
        let n = self.uint(width)? as usize;
        // Every element takes at least one byte: refuse lengths the input
        // cannot back before allocating for them.
        if n > self.bytes.len() - self.pos {
            return Err(DecodeError::Truncated);
        }
        Ok(n)
    }

    fn value<S: ValueSink>(&mut self, sink: &mut S, depth: usize) -> Result<S::Value, DecodeError> {
        let marker = Marker::from_u8(self.take(1)?[0]);
        Ok(match marker {
            Marker::Null => sink.nil(),
            Marker::True => sink.boolean(true),
            Marker::False => sink.boolean(false),
            Marker::FixPos(n) => sink.int(i64::from(n)),
            Marker::FixNeg(n) => sink.int(i64::from(n)),
            Marker::U8 => sink.int(self.uint(1)? as i64),
            Marker::U16 => sink.int(self.uint(2)? as i64),
            Marker::U32 => sink.int(self.uint(4)? as i64),
            Marker::U64 => {
                let n = self.uint(8)?;
                sink.int(i64::try_from(n).map_err(|_| DecodeError::IntegerRange)?)
            }
            Marker::I8 => sink.int(i64::from(self.uint(1)? as u8 as i8)),
            Marker::I16 => sink.int(i64::from(self.uint(2)? as u16 as i16)),
            Marker::I32 => sink.int(i64::from(self.uint(4)? as u32 as i32)),
            Marker::I64 => sink.int(self.uint(8)? as i64),
            Marker::F32 => sink.float(f64::from(f32::from_bits(self.uint(4)? as u32))),
            Marker::F64 => sink.float(f64::from_bits(self.uint(8)?)),
            Marker::FixStr(n) => self.string(sink, usize::from(n), false)?,
            Marker::Str8 => self.sized_string(sink, 1, false)?,
            Marker::Str16 => self.sized_string(sink, 2, false)?,
            Marker::Str32 => self.sized_string(sink, 4, false)?,
            Marker::Bin8 => self.sized_string(sink, 1, true)?,
            Marker::Bin16 => self.sized_string(sink, 2, true)?,
            Marker::Bin32 => self.sized_string(sink, 4, true)?,
            Marker::FixArray(n) => self.array(sink, usize::from(n), depth)?,
            Marker::Array16 => {
                let n = self.len(2)?;
                self.array(sink, n, depth)?
            }
            Marker::Array32 => {
                let n = self.len(4)?;
                self.array(sink, n, depth)?
            }
            Marker::FixMap(n) => self.map(sink, usize::from(n), depth)?,
            Marker::Map16 => {
                let n = self.len(2)?;
                self.map(sink, n, depth)?
            }
            Marker::Map32 => {
                let n = self.len(4)?;
                self.map(sink, n, depth)?
            }
            Marker::FixExt1 => self.ext(sink, 1)?,
            Marker::FixExt2 => self.ext(sink, 2)?,
            Marker::FixExt4 => self.ext(sink, 4)?,
            Marker::FixExt8 => self.ext(sink, 8)?,
            Marker::FixExt16 => self.ext(sink, 16)?,
            Marker::Ext8 => {
                let n = self.len(1)?;
                self.ext(sink, n)?
            }
            Marker::Ext16 => {
                let n = self.len(2)?;
                self.ext(sink, n)?
            }
            Marker::Ext32 => {
                let n = self.len(4)?;
                self.ext(sink, n)?
            }
            Marker::Reserved => return Err(DecodeError::Malformed("reserved marker 0xc1")),
        })
    }

    fn sized_string<S: ValueSink>(
        &mut self,
        sink: &mut S,
        width: usize,
        binary: bool,
    ) -> Result<S::Value, DecodeError> {
        let n = self.len(width)?;
        self.string(sink, n, binary)
    }

    fn string<S: ValueSink>(
        &mut self,
        sink: &mut S,
        n: usize,
        binary: bool,
    ) -> Result<S::Value, DecodeError> {
        let bytes = self.take(n)?;
        if !binary && std::str::from_utf8(bytes).is_err() {
            return Err(DecodeError::Malformed("str is not valid UTF-8"));
        }
        Ok(sink.string(bytes, binary))
    }

    fn array<S: ValueSink>(
        &mut self,
        sink: &mut S,
        n: usize,
        depth: usize,
    ) -> Result<S::Value, DecodeError> {
        self.nest(depth)?;
        let array = sink.array(n);
        self.entries(sink, n, |reader, sink| {
            let item = reader.value(sink, depth + 1)?;
            sink.push(&array, item);
            Ok(())
        })?;
        Ok(array)
    }

    fn map<S: ValueSink>(
        &mut self,
        sink: &mut S,
        n: usize,
        depth: usize,
    ) -> Result<S::Value, DecodeError> {
        self.nest(depth)?;
        let hash = sink.hash(n);
        self.entries(sink, n, |reader, sink| {
            let key = reader.value(sink, depth + 1)?;
            let value = reader.value(sink, depth + 1)?;
            sink.insert(&hash, key, value);
            Ok(())
        })?;
        Ok(hash)
    }

    /// Reads `n` entries into a container made just before; each entry's
    /// values need GC protection only until the container holds them.
    fn entries<S: ValueSink>(
        &mut self,
        sink: &mut S,
        n: usize,
        mut entry: impl FnMut(&mut Self, &mut S) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        for _ in 0..n {
            let mark = sink.checkpoint();
            entry(self, sink)?;
            sink.restore(mark);
        }
        Ok(())
    }

    fn nest(&self, depth: usize) -> Result<(), DecodeError> {
        if depth >= self.max_depth {
            return Err(DecodeError::TooDeep);
        }
        Ok(())
    }

    fn ext<S: ValueSink>(&mut self, sink: &mut S, n: usize) -> Result<S::Value, DecodeError> {
        let kind = self.take(1)?[0] as i8;
        let body = self.take(n)?;
        match kind {
            EXT_SYMBOL => {
                if std::str::from_utf8(body).is_err() {
                    return Err(DecodeError::Malformed("Symbol name is not valid UTF-8"));
                }
                sink.symbol(body)
            }
            EXT_HANDLE => {
                let id: [u8; 4] = body
                    .try_into()
                    .map_err(|_| DecodeError::Malformed("Handle id is not 4 bytes"))?;
                Ok(sink.handle(u32::from_be_bytes(id)))
            }
            EXT_BIGINT => bigint(sink, body),
            _ => Err(DecodeError::Malformed("unknown ext type")),
        }
    }
}

/// ext 2: a sign byte (0 or 1) and at least one magnitude byte. A value that
/// fits in signed 64-bit becomes a plain Integer.
fn bigint<S: ValueSink>(sink: &mut S, body: &[u8]) -> Result<S::Value, DecodeError> {
    let (negative, magnitude) = match body {
        [sign @ (0 | 1), magnitude @ ..] if !magnitude.is_empty() => (*sign == 1, magnitude),
        _ => {
            return Err(DecodeError::Malformed(
                "Integer payload must be a sign byte and a magnitude",
            ))
        }
    };
    if let Some(i) = crate::encode::fits_i64(body) {
        return Ok(sink.int(i));
    }
    let skip = magnitude.iter().take_while(|b| **b == 0).count();
    let magnitude = &magnitude[skip..];
    Ok(sink.bigint(negative, magnitude))
}

#[cfg(test)]
mod tests;
