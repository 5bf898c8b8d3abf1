//! The outcome envelope the guest leaves for the host (docs/wire.md):
//! `{"ok" => value}` or `{"err" => {origin, class, message, backtrace, details}}`.

use serde::Serialize;

#[derive(Serialize)]
pub struct Failure {
    pub origin: &'static str,
    pub class: String,
    pub message: String,
    pub backtrace: Vec<String>,
    pub details: Option<()>,
}

impl Failure {
    pub fn sandbox(class: &str, message: String, backtrace: Vec<String>) -> Failure {
        Failure {
            origin: "sandbox",
            class: class.to_string(),
            message,
            backtrace,
            details: None,
        }
    }
}

/// Header of the ok envelope; the encoded value follows it directly.
pub fn ok_header() -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    rmp::encode::write_map_len(&mut out, 1).expect("vec write");
    rmp::encode::write_str(&mut out, "ok").expect("vec write");
    out
}

pub fn err(failure: &Failure) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    rmp::encode::write_map_len(&mut out, 1).expect("vec write");
    rmp::encode::write_str(&mut out, "err").expect("vec write");
    rmp_serde::encode::write_named(&mut out, failure).expect("vec write");
    out
}

/// A frame the guest cannot act on (the host sent something malformed).
pub fn malformed(message: String) -> Vec<u8> {
    err(&Failure::sandbox("ArgumentError", message, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn err_envelope_is_a_map_with_named_fields() {
        let bytes = err(&Failure::sandbox(
            "RuntimeError",
            "boom".into(),
            vec!["(eval):1".into()],
        ));
        let value: rmpv::Value = rmp_serde::from_slice(&bytes).unwrap();
        let body = &value.as_map().unwrap()[0];
        assert_eq!(body.0.as_str(), Some("err"));
        let fields: Vec<&str> = body
            .1
            .as_map()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_str().unwrap())
            .collect();
        assert_eq!(
            fields,
            ["origin", "class", "message", "backtrace", "details"]
        );
    }
}
