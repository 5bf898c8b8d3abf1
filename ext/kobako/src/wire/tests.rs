use super::*;

#[test]
fn packs_and_unpacks_regions() {
    let packed = pack_region(0x1234_5678, 0x9abc_def0);
    assert_eq!(unpack_region(packed), (0x1234_5678, 0x9abc_def0));
    assert_eq!(unpack_region(0), (0, 0));
}

#[test]
fn reads_only_inside_memory() {
    let memory = [1u8, 2, 3, 4];
    assert_eq!(read_region(&memory, 1, 2).unwrap(), &[2, 3]);
    assert_eq!(read_region(&memory, 4, 0).unwrap(), &[] as &[u8]);
    assert!(read_region(&memory, 3, 2).is_err());
    assert!(read_region(&memory, u32::MAX, 2).is_err());
}

#[test]
fn refuses_messages_over_the_cap() {
    let memory = vec![0u8; MAX_MESSAGE + 1];
    assert!(read_region(&memory, 0, MAX_MESSAGE as u32).is_ok());
    let error = read_region(&memory, 0, MAX_MESSAGE as u32 + 1).unwrap_err();
    assert!(error.contains("message cap"), "{error}");
}
