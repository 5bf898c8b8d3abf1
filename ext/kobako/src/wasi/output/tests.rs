use super::*;

#[test]
fn keeps_the_first_limit_bytes_and_flags_the_rest() {
    let mut stream = CaptureStream::new(Some(5));
    stream.write(Bytes::from_static(b"abc")).unwrap();
    stream.write(Bytes::from_static(b"defg")).unwrap();
    stream.write(Bytes::from_static(b"h")).unwrap();
    assert_eq!(stream.take(), (b"abcde".to_vec(), true));
}

#[test]
fn exactly_the_limit_is_not_truncated() {
    let mut stream = CaptureStream::new(Some(3));
    stream.write(Bytes::from_static(b"abc")).unwrap();
    assert_eq!(stream.take(), (b"abc".to_vec(), false));
}

#[test]
fn unbounded_keeps_everything_and_never_refuses() {
    let mut stream = CaptureStream::new(None);
    for _ in 0..1000 {
        assert!(stream.check_write().unwrap() > 0);
        stream.write(Bytes::from_static(b"0123456789")).unwrap();
    }
    let (bytes, truncated) = stream.take();
    assert_eq!((bytes.len(), truncated), (10_000, false));
}

#[test]
fn clones_share_one_buffer() {
    let stream = CaptureStream::new(Some(10));
    let mut writer = stream.clone();
    writer.write(Bytes::from_static(b"hi")).unwrap();
    assert_eq!(stream.take().0, b"hi");
}
