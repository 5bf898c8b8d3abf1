//! Ruby value → MessagePack, with the wire's rules decided while packing:
//! Strings in UTF-8 (valid) or binary, Symbols and Handles as ext types,
//! Integers within signed 64 bits, no cycles, at most `MAX_DEPTH` levels, at
//! most `MAX_MESSAGE` bytes. Anything else is a `Failure::Codec` whose text
//! says what was refused.

use magnus::encoding::Coderange;
use magnus::encoding::EncodingCapable;
use magnus::rb_sys::AsRawValue;
use magnus::{
    prelude::*, Float, Integer, RArray, RClass, RHash, RModule, RString, Ruby, Symbol, Value,
};
use rb_sys::ruby_value_type as T;

use super::{Failure, HANDLE_EXT, MAX_DEPTH, MAX_MESSAGE, SYMBOL_EXT};

pub fn encode(ruby: &Ruby, value: Value) -> Result<Vec<u8>, Failure> {
    let mut encoder = Encoder {
        ruby,
        out: Vec::with_capacity(64),
        path: Vec::new(),
        handle_class: None,
    };
    encoder.value(value, 0)?;
    encoder.check_size(0)?;
    Ok(encoder.out)
}

struct Encoder<'r> {
    ruby: &'r Ruby,
    out: Vec<u8>,
    /// Containers on the current path (cycle detection).
    path: Vec<usize>,
    /// `Kobako::Handle`, looked up the first time an object needs it.
    handle_class: Option<RClass>,
}

impl Encoder<'_> {
    fn value(&mut self, value: Value, depth: usize) -> Result<(), Failure> {
        // SAFETY: `value` is a live Ruby object held by the caller's frame.
        match unsafe { rb_sys::RB_TYPE(value.as_raw()) } {
            T::RUBY_T_NIL => self.out.push(0xc0),
            T::RUBY_T_FALSE => self.out.push(0xc2),
            T::RUBY_T_TRUE => self.out.push(0xc3),
            T::RUBY_T_FIXNUM | T::RUBY_T_BIGNUM => self.integer(value)?,
            T::RUBY_T_FLOAT => {
                let float = Float::from_value(value).expect("T_FLOAT is a Float");
                self.out.push(0xcb);
                self.out.extend_from_slice(&float.to_f64().to_be_bytes());
            }
            T::RUBY_T_STRING => {
                let string = RString::from_value(value).expect("T_STRING is a String");
                self.string(string)?;
            }
            T::RUBY_T_SYMBOL => {
                let symbol = Symbol::from_value(value).expect("T_SYMBOL is a Symbol");
                self.symbol(symbol)?;
            }
            T::RUBY_T_ARRAY => {
                let array = RArray::from_value(value).expect("T_ARRAY is an Array");
                self.enter(value, "Array", depth)?;
                self.array(array, depth)?;
                self.path.pop();
            }
            T::RUBY_T_HASH => {
                let hash = RHash::from_value(value).expect("T_HASH is a Hash");
                self.enter(value, "Hash", depth)?;
                self.hash(hash, depth)?;
                self.path.pop();
            }
            _ => self.object(value)?,
        }
        Ok(())
    }

    fn integer(&mut self, value: Value) -> Result<(), Failure> {
        let integer = Integer::from_value(value).expect("an Integer");
        let Ok(n) = integer.to_i64() else {
            return Err(Failure::codec(format!(
                "Integer {} is outside the signed 64-bit range",
                integer
            )));
        };
        self.int(n);
        Ok(())
    }

    /// The shortest MessagePack int for `n`, as msgpack implementations pack it.
    fn int(&mut self, n: i64) {
        let out = &mut self.out;
        match n {
            0..=0x7f => out.push(n as u8),
            -32..=-1 => out.push(n as i8 as u8),
            0x80..=0xff => out.extend_from_slice(&[0xcc, n as u8]),
            0x100..=0xffff => {
                out.push(0xcd);
                out.extend_from_slice(&(n as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                out.push(0xce);
                out.extend_from_slice(&(n as u32).to_be_bytes());
            }
            0x1_0000_0000.. => {
                out.push(0xcf);
                out.extend_from_slice(&(n as u64).to_be_bytes());
            }
            -0x80..=-33 => out.extend_from_slice(&[0xd0, n as i8 as u8]),
            -0x8000..=-0x81 => {
                out.push(0xd1);
                out.extend_from_slice(&(n as i16).to_be_bytes());
            }
            -0x8000_0000..=-0x8001 => {
                out.push(0xd2);
                out.extend_from_slice(&(n as i32).to_be_bytes());
            }
            _ => {
                out.push(0xd3);
                out.extend_from_slice(&n.to_be_bytes());
            }
        }
    }

    fn string(&mut self, string: RString) -> Result<(), Failure> {
        let ruby = self.ruby;
        let index = string.enc_get();
        if index == ruby.ascii8bit_encindex() {
            return self.payload(string, Kind::Bin);
        }
        let coderange = string.enc_coderange_scan();
        if index == ruby.utf8_encindex() {
            if coderange == Coderange::Broken {
                return Err(Failure::codec(
                    "String is not valid UTF-8 (use String#b for binary data)",
                ));
            }
            return self.payload(string, Kind::Str);
        }
        // Only 7-bit bytes (a coderange only ASCII-compatible encodings
        // get): already UTF-8.
        if coderange == Coderange::SevenBit {
            return self.payload(string, Kind::Str);
        }
        let utf8 = self.transcode(string)?;
        self.payload(utf8, Kind::Str)
    }

    fn transcode(&self, string: RString) -> Result<RString, Failure> {
        let encoding = self.ruby.utf8_encoding();
        match string.funcall::<_, _, RString>("encode", (encoding,)) {
            Ok(utf8) => Ok(utf8),
            Err(error) if error.is_kind_of(self.ruby.exception_encoding_error()) => {
                let from: String = string
                    .funcall::<_, _, Value>("encoding", ())
                    .and_then(|e| e.funcall("to_s", ()))
                    .unwrap_or_default();
                Err(Failure::codec(format!(
                    "String in {from} cannot be converted to UTF-8 ({})",
                    error_message(&error)
                )))
            }
            Err(error) => Err(error.into()),
        }
    }

    fn symbol(&mut self, symbol: Symbol) -> Result<(), Failure> {
        let name: RString = symbol.funcall("name", ())?;
        let index = name.enc_get();
        let ruby = self.ruby;
        let utf8 = if (index == ruby.utf8_encindex()
            && name.enc_coderange_scan() != Coderange::Broken)
            || name.enc_coderange_scan() == Coderange::SevenBit
        {
            name
        } else {
            self.transcode(name)?
        };
        // SAFETY: read before any Ruby code runs again; `utf8` stays alive.
        let bytes = unsafe { utf8.as_slice() }.to_vec();
        self.ext(SYMBOL_EXT, &bytes)
    }

    fn object(&mut self, value: Value) -> Result<(), Failure> {
        let handle = match self.handle_class {
            Some(class) => class,
            None => {
                let kobako: RModule = self.ruby.class_object().const_get("Kobako")?;
                let class: RClass = kobako.const_get("Handle")?;
                *self.handle_class.insert(class)
            }
        };
        if value.is_kind_of(handle) {
            let id: u32 = value.funcall("id", ())?;
            return self.ext(HANDLE_EXT, &id.to_be_bytes());
        }
        let class: String = value
            .class()
            .funcall::<_, _, String>("to_s", ())
            .unwrap_or_else(|_| "object".into());
        Err(Failure::codec(format!(
            "{class} is not representable across the sandbox boundary"
        )))
    }

    fn enter(&mut self, value: Value, kind: &str, depth: usize) -> Result<(), Failure> {
        if depth >= MAX_DEPTH {
            return Err(Failure::codec(format!(
                "nesting deeper than {MAX_DEPTH} levels"
            )));
        }
        let id = value.as_raw() as usize;
        if self.path.contains(&id) {
            return Err(Failure::codec(format!("cyclic {kind} cannot be sent")));
        }
        self.path.push(id);
        Ok(())
    }

    fn array(&mut self, array: RArray, depth: usize) -> Result<(), Failure> {
        let len = array.len();
        self.header(len, 0x90, 0xdc, 0xdd);
        for i in 0..len {
            // The Array cannot change under us: no Ruby code that could touch
            // it runs while packing (only `#encode`, `#name` and `#id`).
            let item: Value = array.entry(i as isize)?;
            self.value(item, depth + 1)?;
        }
        Ok(())
    }

    fn hash(&mut self, hash: RHash, depth: usize) -> Result<(), Failure> {
        self.header(hash.len(), 0x80, 0xde, 0xdf);
        let mut failure = None;
        hash.foreach(|key: Value, value: Value| {
            let step = self
                .value(key, depth + 1)
                .and_then(|()| self.value(value, depth + 1));
            match step {
                Ok(()) => Ok(magnus::r_hash::ForEach::Continue),
                Err(f) => {
                    failure = Some(f);
                    Ok(magnus::r_hash::ForEach::Stop)
                }
            }
        })?;
        failure.map_or(Ok(()), Err)
    }

    /// Array (fix 0x90) or map (fix 0x80) header.
    fn header(&mut self, len: usize, fix: u8, sixteen: u8, thirty_two: u8) {
        if len < 16 {
            self.out.push(fix | len as u8);
        } else if len <= 0xffff {
            self.out.push(sixteen);
            self.out.extend_from_slice(&(len as u16).to_be_bytes());
        } else {
            self.out.push(thirty_two);
            self.out.extend_from_slice(&(len as u32).to_be_bytes());
        }
    }

    fn payload(&mut self, string: RString, kind: Kind) -> Result<(), Failure> {
        let len = string.len();
        self.check_size(len)?;
        match (kind, len) {
            (Kind::Str, 0..=31) => self.out.push(0xa0 | len as u8),
            (Kind::Str, 32..=0xff) => self.out.extend_from_slice(&[0xd9, len as u8]),
            (Kind::Bin, 0..=0xff) => self.out.extend_from_slice(&[0xc4, len as u8]),
            (_, 0x100..=0xffff) => {
                self.out.push(if kind == Kind::Str { 0xda } else { 0xc5 });
                self.out.extend_from_slice(&(len as u16).to_be_bytes());
            }
            _ => {
                self.out.push(if kind == Kind::Str { 0xdb } else { 0xc6 });
                self.out.extend_from_slice(&(len as u32).to_be_bytes());
            }
        }
        // SAFETY: copied before any Ruby code can run.
        self.out.extend_from_slice(unsafe { string.as_slice() });
        Ok(())
    }

    fn ext(&mut self, tag: i8, payload: &[u8]) -> Result<(), Failure> {
        let len = payload.len();
        self.check_size(len)?;
        let fixed = match len {
            1 => Some(0xd4),
            2 => Some(0xd5),
            4 => Some(0xd6),
            8 => Some(0xd7),
            16 => Some(0xd8),
            _ => None,
        };
        match fixed {
            Some(marker) => self.out.push(marker),
            None if len <= 0xff => self.out.extend_from_slice(&[0xc7, len as u8]),
            None if len <= 0xffff => {
                self.out.push(0xc8);
                self.out.extend_from_slice(&(len as u16).to_be_bytes());
            }
            None => {
                self.out.push(0xc9);
                self.out.extend_from_slice(&(len as u32).to_be_bytes());
            }
        }
        self.out.push(tag as u8);
        self.out.extend_from_slice(payload);
        Ok(())
    }

    /// Stops as soon as the message would pass the cap, so a huge String is
    /// never copied only to be refused.
    fn check_size(&self, more: usize) -> Result<(), Failure> {
        let size = self.out.len().saturating_add(more);
        if size <= MAX_MESSAGE {
            return Ok(());
        }
        let at_least = if more == 0 { "" } else { "at least " };
        Err(Failure::codec(format!(
            "message is {at_least}{size} bytes, over the {MAX_MESSAGE}-byte (16 MiB) cap"
        )))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Bin,
}

fn error_message(error: &magnus::Error) -> String {
    match error.value() {
        Some(exception) => exception
            .funcall::<_, _, String>("message", ())
            .unwrap_or_default(),
        None => error.to_string(),
    }
}
