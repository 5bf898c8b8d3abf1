//! The invocation frame the host sends to `kobako_eval` (docs/wire.md).

use serde::Deserialize;
use serde_bytes::ByteBuf;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    /// `#eval`: source to evaluate; str or bin on the wire.
    #[serde(default)]
    pub src: Option<ByteBuf>,
    /// `#eval`: the file name its messages and backtraces show ("(eval)" when absent).
    #[serde(default)]
    pub file: Option<String>,
    /// `#run`: the entrypoint's name and a MessagePack `[args, kwargs]`.
    #[serde(default)]
    pub run: Option<(String, ByteBuf)>,
    /// Compile source to RITE bytecode: `[source, filename, debug info?]`.
    #[serde(default)]
    pub compile: Option<(ByteBuf, String, bool)>,
    /// The bound Services: `[namespace, member, [method names]]`.
    #[serde(default)]
    pub services: Vec<(String, String, Vec<String>)>,
    /// Preloaded snippets, replayed in order: `[label, bytecode, verify?]`.
    #[serde(default)]
    pub snippets: Vec<(String, ByteBuf, bool)>,
}

/// What one frame asks for; exactly one per frame.
pub enum Op<'a> {
    Eval(&'a [u8], &'a str),
    Run(&'a str, &'a [u8]),
    Compile(&'a [u8], &'a str, bool),
}

impl Frame {
    pub fn decode(bytes: &[u8]) -> Result<Frame, String> {
        rmp_serde::from_slice(bytes).map_err(|e| format!("malformed invocation frame: {e}"))
    }

    pub fn op(&self) -> Result<Op<'_>, String> {
        if self.file.is_some() && self.src.is_none() {
            return Err("malformed invocation frame: file without src".into());
        }
        match (&self.src, &self.run, &self.compile) {
            (Some(src), None, None) => Ok(Op::Eval(src, self.file.as_deref().unwrap_or("(eval)"))),
            (None, Some((target, args)), None) => Ok(Op::Run(target, args)),
            (None, None, Some((src, filename, debug))) => Ok(Op::Compile(src, filename, *debug)),
            _ => {
                Err("malformed invocation frame: expected exactly one of src, run, compile".into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_str_and_bin_sources() {
        // {"src" => "1"} and {"src" => bin "1"}
        let s = [0x81, 0xa3, b's', b'r', b'c', 0xa1, b'1'];
        let b = [0x81, 0xa3, b's', b'r', b'c', 0xc4, 0x01, b'1'];
        for bytes in [&s[..], &b[..]] {
            let frame = Frame::decode(bytes).unwrap();
            assert!(matches!(frame.op(), Ok(Op::Eval(b"1", "(eval)"))));
        }
    }

    #[test]
    fn carries_the_eval_file_name() {
        // {"src" => "1", "file" => "t.rb"}
        let named = [
            0x82, 0xa3, b's', b'r', b'c', 0xa1, b'1', 0xa4, b'f', b'i', b'l', b'e', 0xa4, b't',
            b'.', b'r', b'b',
        ];
        let frame = Frame::decode(&named).unwrap();
        assert!(matches!(frame.op(), Ok(Op::Eval(b"1", "t.rb"))));
        // {"file" => "t.rb"}: a name with nothing to evaluate
        let alone = [
            0x81, 0xa4, b'f', b'i', b'l', b'e', 0xa4, b't', b'.', b'r', b'b',
        ];
        assert!(Frame::decode(&alone).unwrap().op().is_err());
    }

    #[test]
    fn refuses_unknown_keys_and_garbage() {
        let extra = [0x82, 0xa3, b's', b'r', b'c', 0xa0, 0xa1, b'x', 0xc0];
        assert!(Frame::decode(&extra).is_err());
        assert!(Frame::decode(&[0xc1]).is_err());
        assert!(Frame::decode(&[]).is_err());
    }

    #[test]
    fn needs_exactly_one_operation() {
        assert!(Frame::decode(&[0x80]).unwrap().op().is_err()); // {}
                                                                // {"src" => "", "run" => ["A", bin ""]}
        let both = [
            0x82, 0xa3, b's', b'r', b'c', 0xa0, 0xa3, b'r', b'u', b'n', 0x92, 0xa1, b'A', 0xc4,
            0x00,
        ];
        assert!(Frame::decode(&both).unwrap().op().is_err());
    }
}
