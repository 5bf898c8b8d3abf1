//! The invocation frame the host sends to `kobako_eval` (docs/wire.md).

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    /// Source to evaluate; str or bin on the wire.
    pub src: serde_bytes::ByteBuf,
    /// The bound Services: `[namespace, member, [method names]]`.
    #[serde(default)]
    pub services: Vec<(String, String, Vec<String>)>,
}

impl Frame {
    pub fn decode(bytes: &[u8]) -> Result<Frame, String> {
        rmp_serde::from_slice(bytes).map_err(|e| format!("malformed invocation frame: {e}"))
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
        assert_eq!(Frame::decode(&s).unwrap().src.as_slice(), b"1");
        assert_eq!(Frame::decode(&b).unwrap().src.as_slice(), b"1");
    }

    #[test]
    fn refuses_unknown_keys_and_garbage() {
        let extra = [0x82, 0xa3, b's', b'r', b'c', 0xa0, 0xa1, b'x', 0xc0];
        assert!(Frame::decode(&extra).is_err());
        assert!(Frame::decode(&[0xc1]).is_err());
        assert!(Frame::decode(&[]).is_err());
    }
}
