use super::*;

fn watchdog(timeout: Option<f64>, gvl_budget: Option<Duration>) -> (Watchdog, Arc<Signals>) {
    let signals = Arc::new(Signals::default());
    (
        Watchdog::start(timeout, gvl_budget, signals.clone()),
        signals,
    )
}

#[test]
fn without_limits_it_keeps_going() {
    let (mut watchdog, _) = watchdog(None, None);
    assert!(matches!(
        watchdog.on_tick().unwrap(),
        UpdateDeadline::Continue(1)
    ));
    assert!(watchdog.tripped().is_none());
}

#[test]
fn a_passed_deadline_is_a_timeout() {
    let (mut watchdog, _) = watchdog(Some(0.0), None);
    assert!(matches!(watchdog.check(), Err(KobakoError::Timeout { .. })));
    assert!(matches!(
        watchdog.tripped(),
        Some(KobakoError::Timeout { .. })
    ));
    assert!(watchdog.on_tick().is_err());
}

#[test]
fn the_interrupt_flag_stops_the_guest() {
    let (mut watchdog, signals) = watchdog(Some(60.0), None);
    assert!(watchdog.check().is_ok());
    signals.interrupt.store(true, Ordering::SeqCst);
    assert!(matches!(watchdog.check(), Err(KobakoError::Interrupted)));
}

#[test]
fn an_exhausted_gvl_budget_yields_once() {
    let (mut watchdog, signals) = watchdog(None, Some(Duration::ZERO));
    assert!(matches!(
        watchdog.on_tick().unwrap(),
        UpdateDeadline::Yield(1)
    ));
    assert!(signals.release_gvl.load(Ordering::SeqCst));
    assert!(signals.yielded.load(Ordering::SeqCst));
    assert!(matches!(
        watchdog.on_tick().unwrap(),
        UpdateDeadline::Continue(1)
    ));
}

#[test]
fn an_absurd_timeout_means_no_deadline() {
    let (mut watchdog, _) = watchdog(Some(1e300), None);
    assert!(watchdog.check().is_ok());
}

#[test]
fn a_rearmed_budget_holds_the_gvl_again_then_yields() {
    let (mut watchdog, signals) = watchdog(None, Some(Duration::from_millis(20)));
    signals.rearm_gvl.store(true, Ordering::SeqCst);
    assert!(matches!(
        watchdog.on_tick().unwrap(),
        UpdateDeadline::Continue(1)
    ));
    assert!(!signals.rearm_gvl.load(Ordering::SeqCst));
    std::thread::sleep(Duration::from_millis(25));
    assert!(matches!(
        watchdog.on_tick().unwrap(),
        UpdateDeadline::Yield(1)
    ));
    assert!(signals.release_gvl.load(Ordering::SeqCst));
}
