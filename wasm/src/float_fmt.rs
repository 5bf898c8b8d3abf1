//! Float formatting that matches CRuby 3.1 byte for byte: `Float#to_s` /
//! `inspect` (the shortest decimal that reads back to the same double) and
//! the `%f` / `%e` / `%g` conversions of `format`. mruby's own formatter
//! keeps 15 significant digits and rounds approximately; this replaces it
//! for every caller (wasm/patches/float_format.rb points mruby at the two C
//! exports at the bottom).
//!
//! CRuby's printf rounds in two ways (measured on 100,000 random values
//! against exact rational arithmetic, no exception): when the requested
//! digits stop before the end of the shortest repr, it rounds that repr half
//! to even (`format("%.2f", 2.675)` is "2.68" although the double is
//! 2.67499999…); when they reach past it, it prints the exact binary value
//! (`format("%.20f", 0.1)` is "0.10000000000000000555"). Rust's core
//! formatting gives both the shortest repr and the exact digits.

/// Decimal digits (ASCII, no leading zero unless the value is zero) and the
/// position of the decimal point: value = 0.DIGITS × 10^point.
#[derive(Debug, Clone, PartialEq)]
struct Decimal {
    digits: Vec<u8>,
    point: i32,
}

/// Splits Rust's `{:e}` output ("3.0000000000000004e-1") into a Decimal.
fn parse_sci(text: &str) -> Decimal {
    let (mantissa, exp) = text.split_once('e').expect("scientific form");
    let digits: Vec<u8> = mantissa.bytes().filter(|b| *b != b'.').collect();
    let exp: i32 = exp.parse().expect("exponent");
    if digits.iter().all(|d| *d == b'0') {
        return Decimal {
            digits: Vec::new(),
            point: 1,
        };
    }
    Decimal {
        digits,
        point: exp + 1,
    }
}

/// The shortest digits that read back as `x` (|x| finite). Of two equally
/// short candidates CRuby's dtoa takes the one nearest the exact value, ties
/// to even (249975994982758.125 prints as ...758.12, Rust's own pick is
/// ...758.13): the correctly rounded digits win whenever they read back.
fn shortest(x: f64) -> Decimal {
    let short = parse_sci(&format!("{:e}", x.abs()));
    if short.digits.len() < 2 {
        return short;
    }
    let text = format!("{:.*e}", short.digits.len() - 1, x.abs());
    if text.parse::<f64>().ok() == Some(x.abs()) {
        parse_sci(&text)
    } else {
        short
    }
}

/// The exact value of |x| correctly rounded to `sig` significant digits.
fn exact_sig(x: f64, sig: usize) -> Decimal {
    parse_sci(&format!("{:.*e}", sig.saturating_sub(1), x.abs()))
}

/// Keeps the first `keep` digits of `d`, rounding half to even on the digits
/// themselves (CRuby's behaviour when fewer digits than the repr's are asked).
fn round_half_even(d: &Decimal, keep: i32) -> Decimal {
    if keep < 0 || d.digits.is_empty() {
        return Decimal {
            digits: Vec::new(),
            point: d.point,
        };
    }
    let k = keep as usize;
    if k >= d.digits.len() {
        return d.clone();
    }
    let mut out = d.digits[..k].to_vec();
    let first = d.digits[k];
    let rest_nonzero = d.digits[k + 1..].iter().any(|b| *b != b'0');
    let last_odd = k > 0 && (out[k - 1] - b'0') % 2 == 1;
    let up = first > b'5' || (first == b'5' && (rest_nonzero || last_odd));
    let mut point = d.point;
    if up {
        let mut i = k;
        loop {
            if i == 0 {
                out.insert(0, b'1');
                point += 1;
                break;
            }
            i -= 1;
            if out[i] == b'9' {
                out[i] = b'0';
            } else {
                out[i] += 1;
                break;
            }
        }
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    if out.is_empty() {
        point = d.point;
    }
    Decimal { digits: out, point }
}

/// |x| to `sig` significant digits, rounded the way CRuby's printf rounds.
fn to_sig(x: f64, sig: usize) -> Decimal {
    let s = shortest(x);
    if s.digits.is_empty() {
        return s;
    }
    if sig >= s.digits.len() {
        exact_sig(x, sig)
    } else {
        round_half_even(&s, sig as i32)
    }
}

fn digit(d: &Decimal, index: i32) -> u8 {
    if index < 0 {
        return b'0';
    }
    *d.digits.get(index as usize).unwrap_or(&b'0')
}

/// "INT.FRAC" with `frac` fractional digits (no '.' when `frac` is 0 unless `alt`).
fn render_fixed(d: &Decimal, frac: usize, alt: bool, out: &mut String) {
    if d.digits.is_empty() || d.point <= 0 {
        out.push('0');
    } else {
        for i in 0..d.point {
            out.push(digit(d, i) as char);
        }
    }
    if frac > 0 || alt {
        out.push('.');
    }
    for i in 0..frac as i32 {
        out.push(digit(d, d.point + i) as char);
    }
}

/// "D.DDDe+XX" with `frac` mantissa digits after the point.
fn render_sci(d: &Decimal, frac: usize, alt: bool, upper: bool, out: &mut String) {
    out.push(digit(d, 0) as char);
    if frac > 0 || alt {
        out.push('.');
    }
    for i in 1..=frac as i32 {
        out.push(digit(d, i) as char);
    }
    let exp = if d.digits.is_empty() { 0 } else { d.point - 1 };
    out.push(if upper { 'E' } else { 'e' });
    out.push(if exp < 0 { '-' } else { '+' });
    let magnitude = exp.unsigned_abs();
    if magnitude < 10 {
        out.push('0');
    }
    out.push_str(&magnitude.to_string());
}

/// `%f`: exact past the repr, half-even on the repr before it.
fn fixed(x: f64, prec: usize, alt: bool, out: &mut String) {
    let s = shortest(x);
    let keep = s.point + prec as i32;
    if keep == 0 {
        // No digit of the repr survives: CRuby (dtoa's no-digits case)
        // compares the exact value with half a unit, ties down ("%.1f" of
        // 0.05 is "0.1", "%.0f" of 0.5 is "0", "%f" of 1e-7 is "0.000000").
        let exact = parse_sci(&format!("{:.*e}", 1100, x.abs()));
        let keep_exact = exact.point + prec as i32;
        let d = if keep_exact > 0 {
            round_half_even(&exact, keep_exact)
        } else if keep_exact == 0
            && (exact.digits[0] > b'5'
                || (exact.digits[0] == b'5' && exact.digits[1..].iter().any(|b| *b != b'0')))
        {
            Decimal {
                digits: vec![b'1'],
                point: exact.point + 1,
            }
        } else {
            Decimal {
                digits: Vec::new(),
                point: exact.point,
            }
        };
        render_fixed(&d, prec, alt, out);
        return;
    }
    if s.digits.is_empty() || keep >= s.digits.len() as i32 {
        let text = format!("{:.*}", prec, x.abs());
        out.push_str(&text);
        if alt && prec == 0 {
            out.push('.');
        }
        return;
    }
    render_fixed(&round_half_even(&s, keep), prec, alt, out);
}

/// `%g`: `prec` significant digits, fixed or scientific as C chooses,
/// trailing zeros dropped unless `alt`.
fn general(x: f64, prec: usize, alt: bool, upper: bool, out: &mut String) {
    let p = prec.max(1);
    let d = to_sig(x, p);
    let exp = if d.digits.is_empty() { 0 } else { d.point - 1 };
    let start = out.len();
    if exp < -4 || exp >= p as i32 {
        render_sci(&d, p - 1, alt, upper, out);
        if !alt {
            let e = out[start..]
                .find(['e', 'E'])
                .map(|i| i + start)
                .unwrap_or(out.len());
            let tail = out[e..].to_string();
            out.truncate(e);
            strip_zeros(out, start);
            out.push_str(&tail);
        }
    } else {
        render_fixed(&d, (p as i32 - 1 - exp) as usize, alt, out);
        if !alt {
            strip_zeros(out, start);
        }
    }
}

fn strip_zeros(out: &mut String, start: usize) {
    if !out[start..].contains('.') {
        return;
    }
    while out.ends_with('0') {
        out.pop();
    }
    if out.ends_with('.') {
        out.pop();
    }
}

/// One printf conversion (`fmt` one of e E f F g G; `prec` < 0 means 6),
/// sign included (`sign` is '+' or ' ' to mark positives), no padding.
pub fn format_float(x: f64, fmt: u8, prec: i32, alt: bool, sign: Option<char>) -> String {
    let mut out = String::new();
    if x.is_sign_negative() && !x.is_nan() {
        out.push('-');
    } else if let Some(s) = sign {
        out.push(s);
    }
    let upper = fmt.is_ascii_uppercase();
    if x.is_nan() {
        out.push_str(if upper { "NAN" } else { "nan" });
        return out;
    }
    if x.is_infinite() {
        out.push_str(if upper { "INF" } else { "inf" });
        return out;
    }
    let prec = if prec < 0 { 6 } else { prec as usize };
    match fmt.to_ascii_lowercase() {
        b'e' => {
            let d = to_sig(x, prec + 1);
            render_sci(&d, prec, alt, upper, &mut out);
        }
        b'g' => general(x, prec, alt, upper, &mut out),
        _ => fixed(x, prec, alt, &mut out),
    }
    out
}

/// `Float#to_s` / `inspect` as CRuby writes them.
pub fn float_to_s(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-Infinity" } else { "Infinity" }.into();
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    let d = shortest(x);
    if d.digits.is_empty() {
        out.push_str("0.0");
        return out;
    }
    let n = d.digits.len() as i32;
    // CRuby's layout (flo_to_s): fixed while there is a fraction to show or
    // at most DBL_DIG = 15 integer digits (4111009783518707.5 stays fixed,
    // 1e15 is "1.0e+15"); exponent form below 0.0001.
    if d.point > 0 && (d.point < n || d.point <= 15) {
        for i in 0..d.point {
            out.push(digit(&d, i) as char);
        }
        out.push('.');
        if n > d.point {
            out.extend(d.digits[d.point as usize..].iter().map(|b| *b as char));
        } else {
            out.push('0');
        }
    } else if d.point <= 0 && d.point > -4 {
        out.push_str("0.");
        for _ in 0..-d.point {
            out.push('0');
        }
        out.extend(d.digits.iter().map(|b| *b as char));
    } else {
        out.push(d.digits[0] as char);
        out.push('.');
        if n > 1 {
            out.extend(d.digits[1..].iter().map(|b| *b as char));
        } else {
            out.push('0');
        }
        let exp = d.point - 1;
        out.push_str(&format!(
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.unsigned_abs()
        ));
    }
    out
}

/// Copies `text` NUL-terminated into the C buffer, truncating to fit.
///
/// # Safety
/// `buf` must be writable for `size` bytes.
#[cfg(target_arch = "wasm32")]
unsafe fn copy_out(text: &str, buf: *mut u8, size: usize) -> i32 {
    if size == 0 {
        return 0;
    }
    let n = text.len().min(size - 1);
    // SAFETY: the caller hands a writable buffer of `size` bytes.
    unsafe {
        core::ptr::copy_nonoverlapping(text.as_ptr(), buf, n);
        *buf.add(n) = 0;
    }
    n as i32
}

/// Replaces mruby's `mrb_format_float` (include/mruby/numeric.h): `fmt` may
/// carry 0x80 for the '#' flag; `sign` is 0, '+' or ' '.
///
/// # Safety
/// `buf` must be writable for `buf_size` bytes.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn mrb_format_float(
    f: f64,
    buf: *mut u8,
    buf_size: usize,
    fmt: u8,
    prec: i32,
    sign: u8,
) -> i32 {
    let alt = fmt & 0x80 != 0;
    let sign = if sign == 0 { None } else { Some(sign as char) };
    let text = format_float(f, fmt & 0x7f, prec, alt, sign);
    // SAFETY: forwarded from the caller.
    unsafe { copy_out(&text, buf, buf_size) }
}

/// `Float#to_s` for mruby's `mrb_float_to_str` (wasm/patches/float_format.rb).
///
/// # Safety
/// `buf` must be writable for `buf_size` bytes.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn kobako_float_to_s(f: f64, buf: *mut u8, buf_size: usize) -> i32 {
    // SAFETY: forwarded from the caller.
    unsafe { copy_out(&float_to_s(f), buf, buf_size) }
}

/// Reads a JSON number's text (already checked by wasm/c/json.c) as the
/// nearest double, as CRuby's strtod does.
///
/// # Safety
/// `text` must be readable for `len` bytes.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn kobako_parse_float(text: *const u8, len: usize) -> f64 {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { core::slice::from_raw_parts(text, len) };
    core::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN)
}

/// Length of the float literal at the start of `bytes` (after leading
/// spaces): [+-] digits [. digits] [e [+-] digits], the grammar of mruby's
/// mrb_read_float; 0 when no digit is found.
pub fn float_prefix(bytes: &[u8]) -> (usize, usize) {
    let mut i = 0;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        i += 1;
    }
    let start = i;
    if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = i - int_start;
    if i < bytes.len() && bytes[i] == b'.' {
        let mut j = i + 1;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j > i + 1 {
            digits += j - i - 1;
            i = j;
        }
    }
    if digits == 0 {
        return (start, start);
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    (start, i)
}

/// Correctly rounded text -> double (mruby's own reader accumulates digits
/// in floating point: it read 0.75 as 0.7500000000000001).
pub fn read_float(bytes: &[u8]) -> Option<(f64, usize)> {
    let (start, end) = float_prefix(bytes);
    if end == start {
        return None;
    }
    let text = core::str::from_utf8(&bytes[start..end]).ok()?;
    let value = text.parse::<f64>().ok()?;
    Some((value, end))
}

/// Replaces mruby's `mrb_read_float` (include/mruby/value.h) in the guest
/// (wasm/patches/float_read.rb): reads a NUL-terminated literal.
///
/// # Safety
/// `text` must be NUL-terminated; `endp` and `fp` NULL or writable.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn mrb_read_float(text: *const u8, endp: *mut *const u8, fp: *mut f64) -> u8 {
    // SAFETY: the caller hands a NUL-terminated string.
    let bytes = unsafe { core::ffi::CStr::from_ptr(text.cast()).to_bytes() };
    let (value, used) = read_float(bytes).unwrap_or((0.0, 0));
    // SAFETY: both are writable when not NULL.
    unsafe {
        if !endp.is_null() {
            *endp = text.add(used);
        }
        if !fp.is_null() {
            *fp = value;
        }
    }
    u8::from(used > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_s_is_the_shortest_repr_in_cruby_layout() {
        let cases = [
            (0.1 + 0.2, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"),
            (1e20, "1.0e+20"),
            (1e-5, "1.0e-05"),
            (1e-4, "0.0001"),
            (100000000000000.0, "100000000000000.0"),
            (1e15, "1.0e+15"),
            (123456789012345.6, "123456789012345.6"),
            (4111009783518707.5, "4111009783518707.5"),
            (249975994982758.12, "249975994982758.12"),
            (1234567890123456.0, "1.234567890123456e+15"),
            (1e16, "1.0e+16"),
            (-0.0, "-0.0"),
            (2.5, "2.5"),
            (1.5e300, "1.5e+300"),
        ];
        for (x, want) in cases {
            assert_eq!(float_to_s(x), want);
        }
    }

    #[test]
    fn literals_read_to_the_nearest_double() {
        assert_eq!(read_float(b"0.75"), Some((0.75, 4)));
        assert_eq!(read_float(b"  -1.5e3x"), Some((-1500.0, 8)));
        assert_eq!(read_float(b"1.e5"), Some((1.0, 1)));
        assert_eq!(read_float(b".5"), Some((0.5, 2)));
        assert_eq!(read_float(b"2e"), Some((2.0, 1)));
        assert_eq!(read_float(b"abc"), None);
        assert_eq!(read_float(b"0.1"), Some((0.1, 3)));
    }

    #[test]
    fn printf_rounds_like_cruby() {
        assert_eq!(format_float(-2.5, b'f', 3, false, None), "-2.500");
        assert_eq!(format_float(2.675, b'f', 2, false, None), "2.68");
        assert_eq!(format_float(2.5, b'f', 0, false, None), "2");
        assert_eq!(
            format_float(0.1, b'f', 20, false, None),
            "0.10000000000000000555"
        );
        assert_eq!(
            format_float(12345.678, b'e', -1, false, None),
            "1.234568e+04"
        );
        assert_eq!(format_float(0.0001234, b'g', -1, false, None), "0.0001234");
        assert_eq!(format_float(1e10, b'g', -1, false, Some('+')), "+1e+10");
        assert_eq!(format_float(1000000.0, b'g', -1, false, None), "1e+06");
        assert_eq!(format_float(0.04, b'f', 1, false, None), "0.0");
        assert_eq!(format_float(0.96, b'f', 1, false, None), "1.0");
        assert_eq!(format_float(0.0, b'e', 2, false, None), "0.00e+00");
        assert_eq!(format_float(0.05, b'f', 1, false, None), "0.1");
        assert_eq!(format_float(0.5, b'f', 0, false, None), "0");
        assert_eq!(format_float(5e-7, b'f', 6, false, None), "0.000000");
        assert_eq!(format_float(1e-7, b'f', 6, false, None), "0.000000");
        assert_eq!(format_float(9.5e-7, b'f', 6, false, None), "0.000001");
    }
}
