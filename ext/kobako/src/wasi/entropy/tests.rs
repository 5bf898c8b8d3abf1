use super::*;

fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut out = vec![0; len];
    FixedStream::new(seed).try_fill_bytes(&mut out).unwrap();
    out
}

#[test]
fn the_stream_is_fixed() {
    assert_eq!(bytes(SECURE_SEED, 37), bytes(SECURE_SEED, 37));
}

#[test]
fn seeds_give_different_streams() {
    assert_ne!(bytes(SECURE_SEED, 16), bytes(INSECURE_SEED, 16));
}

#[test]
fn the_stream_is_not_degenerate() {
    let out = bytes(SECURE_SEED, 4096);
    let distinct = out.iter().collect::<std::collections::HashSet<_>>().len();
    assert!(distinct > 200, "{distinct} distinct byte values");
}
