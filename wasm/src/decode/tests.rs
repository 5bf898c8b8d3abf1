use super::*;

#[derive(Debug, PartialEq, Clone)]
enum V {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Vec<u8>, bool),
    Sym(String),
    Handle(u32),
    Big(bool, Vec<u8>),
    Arr(Vec<V>),
    Map(Vec<(V, V)>),
}

/// Values live in an arena; the sink hands out indices.
#[derive(Default)]
struct Arena(Vec<V>);

impl Arena {
    fn add(&mut self, v: V) -> usize {
        self.0.push(v);
        self.0.len() - 1
    }
}

impl ValueSink for Arena {
    type Value = usize;
    fn nil(&mut self) -> usize {
        self.add(V::Nil)
    }
    fn boolean(&mut self, b: bool) -> usize {
        self.add(V::Bool(b))
    }
    fn int(&mut self, i: i64) -> usize {
        self.add(V::Int(i))
    }
    fn float(&mut self, f: f64) -> usize {
        self.add(V::Float(f))
    }
    fn string(&mut self, bytes: &[u8], binary: bool) -> usize {
        self.add(V::Str(bytes.to_vec(), binary))
    }
    fn symbol(&mut self, name: &[u8]) -> Result<usize, DecodeError> {
        Ok(self.add(V::Sym(String::from_utf8(name.to_vec()).unwrap())))
    }
    fn handle(&mut self, id: u32) -> usize {
        self.add(V::Handle(id))
    }
    fn bigint(&mut self, negative: bool, magnitude: &[u8]) -> usize {
        self.add(V::Big(negative, magnitude.to_vec()))
    }
    fn array(&mut self, _: usize) -> usize {
        self.add(V::Arr(Vec::new()))
    }
    fn push(&mut self, array: &usize, item: usize) {
        let item = self.0[item].clone();
        if let V::Arr(a) = &mut self.0[*array] {
            a.push(item);
        }
    }
    fn hash(&mut self, _: usize) -> usize {
        self.add(V::Map(Vec::new()))
    }
    fn insert(&mut self, hash: &usize, key: usize, value: usize) {
        let pair = (self.0[key].clone(), self.0[value].clone());
        if let V::Map(m) = &mut self.0[*hash] {
            m.push(pair);
        }
    }
}

fn dec(bytes: &[u8]) -> Result<V, DecodeError> {
    let mut arena = Arena::default();
    let root = decode(&mut arena, bytes)?;
    Ok(arena.0[root].clone())
}

#[test]
fn scalars() {
    assert_eq!(dec(&[0xc0]), Ok(V::Nil));
    assert_eq!(dec(&[0xc3]), Ok(V::Bool(true)));
    assert_eq!(dec(&[0xd0, 0x80]), Ok(V::Int(-128)));
    assert_eq!(dec(&[0xcd, 0x01, 0x00]), Ok(V::Int(256)));
    let mut max = vec![0xcf];
    max.extend_from_slice(&(i64::MAX as u64).to_be_bytes());
    assert_eq!(dec(&max), Ok(V::Int(i64::MAX)));
    let mut f = vec![0xcb];
    f.extend_from_slice(&1.5f64.to_be_bytes());
    assert_eq!(dec(&f), Ok(V::Float(1.5)));
}

#[test]
fn uint64_beyond_int64_is_refused() {
    let mut over = vec![0xcf];
    over.extend_from_slice(&(1u64 << 63).to_be_bytes());
    assert_eq!(dec(&over), Err(DecodeError::IntegerRange));
}

#[test]
fn strings_bins_symbols_handles() {
    assert_eq!(dec(&[0xa1, b'a']), Ok(V::Str(b"a".to_vec(), false)));
    assert_eq!(dec(&[0xc4, 0x01, 0xff]), Ok(V::Str(vec![0xff], true)));
    assert_eq!(dec(&[0xd4, 0x00, b'x']), Ok(V::Sym("x".into())));
    assert_eq!(dec(&[0xd6, 0x01, 0, 0, 1, 2]), Ok(V::Handle(258)));
}

#[test]
fn malformed_inputs_are_errors_not_panics() {
    assert_eq!(dec(&[]), Err(DecodeError::Truncated));
    assert_eq!(dec(&[0xa2, b'a']), Err(DecodeError::Truncated));
    assert_eq!(
        dec(&[0xdd, 0xff, 0xff, 0xff, 0xff]),
        Err(DecodeError::Truncated)
    );
    assert!(matches!(dec(&[0xc1]), Err(DecodeError::Malformed(_))));
    assert!(matches!(dec(&[0xa1, 0xff]), Err(DecodeError::Malformed(_))));
    assert!(matches!(
        dec(&[0xd4, 0x07, 0x00]),
        Err(DecodeError::Malformed(_))
    ));
    assert!(matches!(
        dec(&[0xd5, 0x01, 0, 0]),
        Err(DecodeError::Malformed(_))
    ));
    assert_eq!(dec(&[0xc0, 0xc0]), Err(DecodeError::TrailingBytes));
}

#[test]
fn depth_cap_matches_the_encoder() {
    let ok: Vec<u8> = std::iter::repeat_n(0x91, MAX_DEPTH).chain([0xc0]).collect();
    assert!(dec(&ok).is_ok());
    let deep: Vec<u8> = std::iter::repeat_n(0x91, MAX_DEPTH + 1)
        .chain([0xc0])
        .collect();
    assert_eq!(dec(&deep), Err(DecodeError::TooDeep));
}

#[test]
fn maps_keep_order() {
    let bytes = [0x82, 0x02, 0xc0, 0xa1, b'a', 0x01];
    assert_eq!(
        dec(&bytes),
        Ok(V::Map(vec![
            (V::Int(2), V::Nil),
            (V::Str(b"a".to_vec(), false), V::Int(1))
        ]))
    );
}

#[test]
fn ext_2_integers_fit_int64_when_they_can() {
    // -(2**63) fits; 2**63 and -(2**63 + 1) do not.
    let min = [0xc7, 9, 2, 1, 0x80, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(dec(&min), Ok(V::Int(i64::MIN)));
    let over = [0xc7, 9, 2, 0, 0x80, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(
        dec(&over),
        Ok(V::Big(false, vec![0x80, 0, 0, 0, 0, 0, 0, 0]))
    );
    let under = [0xc7, 10, 2, 1, 0, 0x80, 0, 0, 0, 0, 0, 0, 1];
    assert_eq!(
        dec(&under),
        Ok(V::Big(true, vec![0x80, 0, 0, 0, 0, 0, 0, 1]))
    );
    assert_eq!(dec(&[0xd5, 2, 0, 7]), Ok(V::Int(7)));
    assert!(dec(&[0xd4, 2, 0]).is_err(), "no magnitude");
    assert!(dec(&[0xd5, 2, 9, 7]).is_err(), "bad sign byte");
}

#[test]
fn envelope_levels_do_not_count_toward_the_depth_cap() {
    let mut bytes = vec![0x92, 0x00];
    bytes.extend(std::iter::repeat_n(0x91, MAX_DEPTH));
    bytes.push(0xc0);
    assert_eq!(dec(&bytes), Err(DecodeError::TooDeep));
    let mut arena = Arena::default();
    assert!(decode_enveloped(&mut arena, &bytes, 1).is_ok());
}
