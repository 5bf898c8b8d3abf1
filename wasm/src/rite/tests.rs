use super::code::{OP_DEBUG, OP_JMP, OP_RETURN};
use super::*;

/// `1` compiled by hand: LOADI_1 R1; RETURN R1, one local, two registers.
fn program(iseq: &[u8], nregs: u16) -> Vec<u8> {
    let mut record = Vec::new();
    record.extend_from_slice(&1u16.to_be_bytes()); // nlocals
    record.extend_from_slice(&nregs.to_be_bytes());
    record.extend_from_slice(&0u16.to_be_bytes()); // rlen
    record.extend_from_slice(&0u16.to_be_bytes()); // clen
    record.extend_from_slice(&(iseq.len() as u32).to_be_bytes());
    record.extend_from_slice(iseq);
    record.extend_from_slice(&0u16.to_be_bytes()); // plen
    record.extend_from_slice(&0u16.to_be_bytes()); // slen
    let mut irep = b"IREP".to_vec();
    let size = (SECTION_HEADER_LEN + 4 + 4 + record.len()) as u32;
    irep.extend_from_slice(&size.to_be_bytes());
    irep.extend_from_slice(FORMAT_VERSION);
    irep.extend_from_slice(&(4 + record.len() as u32).to_be_bytes());
    irep.extend_from_slice(&record);
    let mut bin = b"RITE0300".to_vec();
    let total = (HEADER_LEN + irep.len() + 8) as u32;
    bin.extend_from_slice(&total.to_be_bytes());
    bin.extend_from_slice(b"MATZ0000");
    bin.extend_from_slice(&irep);
    bin.extend_from_slice(b"END\0\0\0\0\x08");
    bin
}

const ONE: [u8; 4] = [7, 1, OP_RETURN, 1];

#[test]
fn accepts_a_minimal_program() {
    let summary = verify(&program(&ONE, 2)).unwrap();
    assert_eq!(summary.ireps, 1);
    assert!(!summary.has_debug_info);
}

#[test]
fn refuses_headers_sizes_and_truncation() {
    let good = program(&ONE, 2);
    assert!(verify(b"").unwrap_err().0.contains("empty"));
    assert!(verify(b"garbage!").unwrap_err().0.contains("RITE"));
    let mut old = good.clone();
    old[4..8].copy_from_slice(b"0200");
    assert!(verify(&old).unwrap_err().0.contains("version"));
    for cut in [HEADER_LEN - 1, HEADER_LEN, 30, good.len() - 1] {
        assert!(verify(&good[..cut]).is_err(), "cut at {cut}");
    }
    let mut padded = good.clone();
    padded.push(0);
    assert!(verify(&padded).is_err());
}

#[test]
fn refuses_bad_instructions() {
    // register out of range, unknown opcode, falling off the end, bad jump
    assert!(verify(&program(&[7, 2, OP_RETURN, 2], 2)).is_err());
    assert!(verify(&program(&[200, OP_RETURN, 1], 2)).is_err());
    assert!(verify(&program(&[7, 1], 2)).is_err());
    assert!(verify(&program(&[OP_JMP, 0, 1, OP_RETURN, 1], 2)).is_err());
    assert!(verify(&program(&[OP_JMP, 0, 0, OP_RETURN, 1], 2)).is_ok());
    assert!(verify(&program(&[OP_DEBUG, 0, 0, 0, OP_RETURN, 1], 2)).is_err());
    // a send's block slot must be a register: SEND R0 :? n=1 needs R0..R2
    assert!(verify(&program(&[47, 0, 0, 1, OP_RETURN, 0], 2)).is_err());
}
