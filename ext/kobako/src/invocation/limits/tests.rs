use super::*;

const PAGE: usize = 64 << 10;

fn instantiated(limit: Option<u64>, size: usize) -> MemoryLimiter {
    let mut limiter = MemoryLimiter::new(limit);
    // Creation of the GC heap and of the linear memory, then the baseline.
    assert!(limiter.memory_growing(0, 0, None).unwrap());
    assert!(limiter.memory_growing(0, size, None).unwrap());
    limiter.set_baseline(size);
    limiter
}

#[test]
fn creation_is_not_growth() {
    let limiter = instantiated(Some(PAGE as u64), 72 * PAGE);
    assert_eq!(limiter.peak(), 0);
    assert!(limiter.exceeded().is_none());
}

#[test]
fn growth_up_to_the_limit_is_allowed_and_peaks() {
    let mut limiter = instantiated(Some(2 * PAGE as u64), 10 * PAGE);
    assert!(limiter.memory_growing(10 * PAGE, 11 * PAGE, None).unwrap());
    assert!(limiter.memory_growing(11 * PAGE, 12 * PAGE, None).unwrap());
    assert_eq!(limiter.peak(), 2 * PAGE as u64);
}

#[test]
fn growth_past_the_limit_traps_with_sizes() {
    let mut limiter = instantiated(Some(PAGE as u64), 10 * PAGE);
    assert!(limiter.memory_growing(10 * PAGE, 12 * PAGE, None).is_err());
    match limiter.exceeded() {
        Some(KobakoError::MemoryLimit { requested, limit }) => {
            assert_eq!((*requested, *limit), (2 * PAGE as u64, PAGE as u64));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(limiter.peak(), 0);
}

#[test]
fn no_limit_still_tracks_the_peak() {
    let mut limiter = instantiated(None, PAGE);
    assert!(limiter.memory_growing(PAGE, 100 * PAGE, None).unwrap());
    assert_eq!(limiter.peak(), 99 * PAGE as u64);
}

#[test]
fn gc_heap_growth_is_not_linear_growth() {
    let mut limiter = instantiated(Some(PAGE as u64), 10 * PAGE);
    assert!(limiter.memory_growing(PAGE, 2 * PAGE, None).unwrap());
    assert_eq!(limiter.peak(), 0);
    assert!(!limiter
        .memory_growing(PAGE, MAX_GC_HEAP + PAGE, None)
        .unwrap());
}

#[test]
fn a_failed_growth_is_forgotten() {
    let mut limiter = instantiated(None, 10 * PAGE);
    assert!(limiter.memory_growing(10 * PAGE, 11 * PAGE, None).unwrap());
    limiter
        .memory_grow_failed(wasmtime::Error::msg("no memory"))
        .unwrap();
    assert!(limiter.memory_growing(10 * PAGE, 12 * PAGE, None).unwrap());
    assert_eq!(limiter.peak(), 2 * PAGE as u64);
}
