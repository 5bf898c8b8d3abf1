//! The encoder against a plain Rust value tree (the mruby side is covered by
//! the Ruby suite, through the real guest).

use super::*;
use std::rc::Rc;

#[derive(Clone)]
enum V {
    Nil,
    Int(i64),
    Big(&'static [u8]),
    Float(f64),
    Sym(&'static str),
    Str(Vec<u8>, bool),
    Arr(Rc<std::cell::RefCell<Vec<V>>>),
    Map(Rc<Vec<(V, V)>>),
    Obj,
}

struct Tree;

// Values are handed around by pointer so that identity is the Rc's address.
// Every pointer the tests hand in, or `array_at`/`hash_each` hand out, points
// into a `V` tree the test keeps alive and unchanged until `encode` returns.
impl ValueSource for Tree {
    type Value = *const V;

    fn node(&self, v: &*const V) -> Node<'_> {
        // SAFETY: `v` points into a live test tree (see above the impl).
        match unsafe { &**v } {
            V::Nil => Node::Nil,
            V::Int(i) => Node::Int(*i),
            V::Big(hex) => Node::BigInt(bigint_payload(hex)),
            V::Float(f) => Node::Float(*f),
            V::Sym(s) => Node::Symbol(s.as_bytes()),
            V::Str(b, binary) => Node::Str {
                bytes: b,
                binary: *binary,
            },
            V::Arr(a) => Node::Array(a.borrow().len()),
            V::Map(m) => Node::Hash(m.len()),
            V::Obj => Node::Other("Object"),
        }
    }

    fn array_at(&self, v: &*const V, i: usize) -> *const V {
        // SAFETY: `v` points into a live test tree (see above the impl).
        match unsafe { &**v } {
            V::Arr(a) => &a.borrow()[i] as *const V,
            _ => unreachable!(),
        }
    }

    fn hash_each(
        &self,
        v: &*const V,
        visit: &mut PairVisitor<'_, *const V>,
    ) -> Result<(), EncodeError> {
        // SAFETY: `v` points into a live test tree (see above the impl).
        match unsafe { &**v } {
            V::Map(m) => m
                .iter()
                .try_for_each(|(k, v)| visit(&(k as *const V), &(v as *const V))),
            _ => unreachable!(),
        }
    }

    fn identity(&self, v: &*const V) -> usize {
        // SAFETY: `v` points into a live test tree (see above the impl).
        match unsafe { &**v } {
            V::Arr(a) => Rc::as_ptr(a) as usize,
            V::Map(m) => Rc::as_ptr(m) as usize,
            _ => *v as usize,
        }
    }
}

fn enc(v: &V) -> Result<Vec<u8>, EncodeError> {
    enc_limit(v, MAX_MESSAGE)
}

fn enc_limit(v: &V, limit: usize) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    encode(&Tree, &(v as *const V), &mut out, limit)?;
    Ok(out)
}

fn arr(items: Vec<V>) -> V {
    V::Arr(Rc::new(std::cell::RefCell::new(items)))
}

fn nested(depth: usize) -> V {
    (0..depth).fold(V::Nil, |inner, _| arr(vec![inner]))
}

#[test]
fn scalars_use_the_smallest_msgpack_forms() {
    assert_eq!(enc(&V::Nil).unwrap(), [0xc0]);
    assert_eq!(enc(&V::Int(1)).unwrap(), [0x01]);
    assert_eq!(enc(&V::Int(-1)).unwrap(), [0xff]);
    let mut min = vec![0xd3];
    min.extend_from_slice(&i64::MIN.to_be_bytes());
    assert_eq!(enc(&V::Int(i64::MIN)).unwrap(), min);
    let mut f = vec![0xcb];
    f.extend_from_slice(&(-0.0f64).to_be_bytes());
    assert_eq!(enc(&V::Float(-0.0)).unwrap(), f);
}

#[test]
fn symbols_are_ext_type_zero() {
    assert_eq!(enc(&V::Sym("ab")).unwrap(), [0xd5, 0x00, b'a', b'b']);
}

#[test]
fn strings_keep_their_encoding() {
    assert_eq!(
        enc(&V::Str(b"hi".to_vec(), false)).unwrap(),
        [0xa2, b'h', b'i']
    );
    assert_eq!(enc(&V::Str(vec![0xff], true)).unwrap(), [0xc4, 0x01, 0xff]);
}

#[test]
fn invalid_utf8_that_is_not_binary_is_refused() {
    assert_eq!(
        enc(&V::Str(vec![0xff], false)),
        Err(EncodeError::InvalidUtf8)
    );
    assert_eq!(
        enc(&V::Str(vec![0xed, 0xa0, 0x80], false)),
        Err(EncodeError::InvalidUtf8)
    );
}

#[test]
fn hashes_keep_insertion_order_and_any_key_type() {
    let map = V::Map(Rc::new(vec![(V::Int(2), V::Nil), (V::Sym("a"), V::Int(1))]));
    assert_eq!(
        enc(&map).unwrap(),
        [0x82, 0x02, 0xc0, 0xd4, 0x00, b'a', 0x01]
    );
}

#[test]
fn big_integers_travel_as_ext_2_sign_and_magnitude() {
    // 2**64 and -(2**64 + 1), as mruby's to_s(16) writes them.
    assert_eq!(
        enc(&V::Big(b"10000000000000000")).unwrap(),
        [0xc7, 10, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        enc(&V::Big(b"-10000000000000001")).unwrap(),
        [0xc7, 10, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    );
    assert_eq!(bigint_payload(b"0ff"), [0, 0xff]);
    // A bigint mruby did not shrink, -(2**63): a plain int 64.
    assert_eq!(
        enc(&V::Big(b"-8000000000000000")).unwrap(),
        [0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(bigint_payload(b"-0"), [1, 0]);
}

#[test]
fn envelope_levels_do_not_count_toward_the_depth_cap() {
    let mut deep = V::Nil;
    for _ in 0..MAX_DEPTH {
        deep = arr(vec![deep]);
    }
    let message = arr(vec![V::Int(0), deep]);
    assert_eq!(enc(&message), Err(EncodeError::TooDeep));
    let mut out = Vec::new();
    let root = &message as *const V;
    assert!(encode_enveloped(&Tree, &root, &mut out, MAX_MESSAGE, 1).is_ok());
}

#[test]
fn other_objects_name_their_class() {
    let err = enc(&V::Obj).unwrap_err();
    assert_eq!(err.class(), "TypeError");
    assert!(err.message().starts_with("Object cannot cross"));
}

#[test]
fn nesting_cap_is_exactly_128() {
    assert!(enc(&nested(MAX_DEPTH)).is_ok());
    assert_eq!(enc(&nested(MAX_DEPTH + 1)), Err(EncodeError::TooDeep));
}

#[test]
fn cycles_are_detected_before_the_depth_cap() {
    let a = arr(vec![]);
    if let V::Arr(cell) = &a {
        cell.borrow_mut().push(a.clone());
    }
    assert_eq!(enc(&a), Err(EncodeError::Cycle));
}

#[test]
fn shared_but_acyclic_values_are_fine() {
    let shared = arr(vec![V::Int(1)]);
    assert!(enc(&arr(vec![shared.clone(), shared])).is_ok());
}

#[test]
fn size_cap_is_checked_before_copying() {
    let big = V::Str(vec![b'x'; 100], false);
    assert_eq!(enc_limit(&big, 50), Err(EncodeError::TooLarge));
    assert!(enc_limit(&big, 102).is_ok());
}

#[test]
fn the_cap_counts_payload_headers() {
    // A fixstr has a 1-byte header: 15 payload bytes fit a 16-byte limit,
    // 16 do not (they once did, making a 17-byte message).
    let fits = V::Str(vec![b'a'; 15], false);
    assert_eq!(enc_limit(&fits, 16).map(|b| b.len()), Ok(16));
    let over = V::Str(vec![b'a'; 16], false);
    assert_eq!(enc_limit(&over, 16), Err(EncodeError::TooLarge));
}
