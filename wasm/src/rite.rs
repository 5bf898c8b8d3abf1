//! A strict verifier for mruby 3.2 RITE bytecode (docs/bytecode.md).
//!
//! mruby's loader trusts much of what it reads (the LVAR section has no bounds
//! checks at all, debug filename indexes are only asserted) and its VM trusts
//! the instruction stream completely. RITE 3.x carries no checksum either. So
//! bytecode the host preloads is parsed here first, every length and index
//! checked, and every instruction decoded: operands must name registers below
//! `nregs`, existing pool entries, symbols and child ireps, and jumps must land
//! on instruction boundaries. Only then is it handed to mruby.

use std::fmt;

mod code;

use code::{at_boundary, Irep};

pub const FORMAT_VERSION: &[u8; 4] = b"0300";
const HEADER_LEN: usize = 20;
const SECTION_HEADER_LEN: usize = 8;
/// Far deeper than any real program nests blocks and methods; bounds recursion.
const MAX_IREP_DEPTH: usize = 512;
const NULL_SYMBOL: u16 = 0xFFFF;
const CATCH_HANDLER_LEN: usize = 13;

#[derive(Debug, PartialEq, Eq)]
pub struct RiteError(pub String);

impl fmt::Display for RiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, RiteError> {
    Err(RiteError(message.into()))
}

/// What the verifier learned, for the caller's messages.
#[derive(Debug, Default)]
pub struct Summary {
    pub ireps: usize,
    pub has_debug_info: bool,
}

/// Checks a whole RITE binary; Ok means mruby 3.2 can load and run it without
/// reading or writing outside what the binary declares.
pub fn verify(bin: &[u8]) -> Result<Summary, RiteError> {
    if bin.is_empty() {
        return fail("empty bytecode");
    }
    if bin.len() < HEADER_LEN || &bin[..4] != b"RITE" {
        return fail("not mruby bytecode (no RITE header)");
    }
    if &bin[4..8] != FORMAT_VERSION {
        let found = String::from_utf8_lossy(&bin[4..8]);
        return fail(format!(
            "RITE format version {found:?} is not supported (this guest reads \"0300\", mruby 3.x)"
        ));
    }
    let declared = be32(&bin[8..12]) as usize;
    if declared != bin.len() {
        return fail(format!(
            "bytecode declares {declared} bytes but {} were given (truncated or padded)",
            bin.len()
        ));
    }
    let mut summary = Summary::default();
    let mut tree: Option<IrepShape> = None;
    let mut pos = HEADER_LEN;
    loop {
        if bin.len() - pos < SECTION_HEADER_LEN {
            return fail("bytecode ends without an END section");
        }
        let ident = &bin[pos..pos + 4];
        let size = be32(&bin[pos + 4..pos + 8]) as usize;
        if size < SECTION_HEADER_LEN || size > bin.len() - pos {
            return fail(format!(
                "section {} at offset {pos} has an impossible size {size}",
                show(ident)
            ));
        }
        let section = &bin[pos..pos + size];
        match ident {
            b"IREP" if tree.is_none() => {
                let shape = irep_section(section)?;
                summary.ireps = shape.count();
                tree = Some(shape);
            }
            b"DBG\0" if tree.is_some() && !summary.has_debug_info => {
                debug_section(section, tree.as_ref().expect("checked"))?;
                summary.has_debug_info = true;
            }
            b"LVAR" if tree.is_some() => lvar_section(section, tree.as_ref().expect("checked"))?,
            b"END\0" if tree.is_some() => {
                if size != SECTION_HEADER_LEN || pos + size != bin.len() {
                    return fail("END section is not the last 8 bytes");
                }
                return Ok(summary);
            }
            _ => {
                return fail(format!(
                    "unexpected section {} at offset {pos}",
                    show(ident)
                ))
            }
        }
        pos += size;
    }
}

fn show(ident: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(ident))
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// A bounds-checked cursor over one section.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Cursor<'a> {
    /// Positioned after the section's ident and size.
    fn section(bytes: &'a [u8], what: &'static str) -> Self {
        Cursor {
            bytes,
            pos: SECTION_HEADER_LEN,
            what,
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], RiteError> {
        if n > self.bytes.len() - self.pos {
            return fail(format!("{} section is truncated", self.what));
        }
        let out = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, RiteError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, RiteError> {
        self.take(2).map(be16)
    }
    fn u32(&mut self) -> Result<u32, RiteError> {
        self.take(4).map(be32)
    }
    fn done(&self) -> Result<(), RiteError> {
        if self.pos != self.bytes.len() {
            return fail(format!(
                "{} section has {} unexplained trailing bytes",
                self.what,
                self.bytes.len() - self.pos
            ));
        }
        Ok(())
    }
}

/// The parts of an irep the DBG and LVAR sections are checked against.
struct IrepShape {
    nlocals: u16,
    ilen: u32,
    children: Vec<IrepShape>,
}

impl IrepShape {
    fn count(&self) -> usize {
        1 + self.children.iter().map(IrepShape::count).sum::<usize>()
    }
}

fn irep_section(section: &[u8]) -> Result<IrepShape, RiteError> {
    let mut c = Cursor::section(section, "IREP");
    if c.take(4)? != FORMAT_VERSION {
        return fail("IREP section has an unsupported instruction set version");
    }
    let shape = irep_record(&mut c, 0)?;
    c.done()?;
    Ok(shape)
}

#[derive(Clone, Copy, PartialEq)]
enum PoolKind {
    Str,
    Number,
}

fn irep_record(c: &mut Cursor, depth: usize) -> Result<IrepShape, RiteError> {
    if depth > MAX_IREP_DEPTH {
        return fail("ireps nest too deeply");
    }
    let start = c.pos;
    let record_size = c.u32()? as usize;
    let nlocals = c.u16()?;
    let nregs = c.u16()?;
    let rlen = c.u16()?;
    let clen = c.u16()? as usize;
    let ilen = c.u32()?;
    if nlocals == 0 || nregs < nlocals {
        return fail(format!(
            "irep declares {nlocals} locals in {nregs} registers"
        ));
    }
    if ilen == 0 {
        return fail("irep has no instructions");
    }
    let iseq = c.take(ilen as usize)?;
    let handlers = c.take(clen * CATCH_HANDLER_LEN)?;
    let pool = pool_block(c)?;
    let syms = symbol_block(c)?;
    if c.pos - start != record_size {
        return fail("irep record size does not match its contents");
    }
    let irep = Irep {
        nregs,
        rlen,
        pool: &pool,
        syms: &syms,
    };
    let boundaries = irep.instructions(iseq)?;
    catch_handlers(handlers, &boundaries)?;
    let mut children = Vec::with_capacity(rlen as usize);
    for _ in 0..rlen {
        children.push(irep_record(c, depth + 1)?);
    }
    Ok(IrepShape {
        nlocals,
        ilen,
        children,
    })
}

fn pool_block(c: &mut Cursor) -> Result<Vec<PoolKind>, RiteError> {
    let plen = c.u16()?;
    let mut pool = Vec::with_capacity(plen as usize);
    for _ in 0..plen {
        let kind = match c.u8()? {
            0 => {
                let len = c.u16()? as usize;
                let data = c.take(len + 1)?;
                if data[len] != 0 {
                    return fail("pool string is not NUL-terminated");
                }
                PoolKind::Str
            }
            1 => {
                c.take(4)?;
                PoolKind::Number
            }
            3 | 5 => {
                c.take(8)?;
                PoolKind::Number
            }
            7 => {
                bigint(c)?;
                PoolKind::Number
            }
            tt => return fail(format!("unknown pool entry type {tt}")),
        };
        pool.push(kind);
    }
    Ok(pool)
}

/// `[digit count][signed base][digits]`: mruby parses the digits lazily, at
/// LOADL, and only asserts the base.
fn bigint(c: &mut Cursor) -> Result<(), RiteError> {
    let len = c.u8()? as usize;
    let base = (c.u8()? as i8).unsigned_abs() as u32;
    if !(2..=36).contains(&base) {
        return fail(format!("big integer literal has base {base}"));
    }
    let digits = c.take(len)?;
    if digits.is_empty() || !digits.iter().all(|&d| (d as char).is_digit(base)) {
        return fail("big integer literal has invalid digits");
    }
    Ok(())
}

/// Symbol table; `false` marks the null symbol, which no operand may name.
fn symbol_block(c: &mut Cursor) -> Result<Vec<bool>, RiteError> {
    let slen = c.u16()?;
    let mut syms = Vec::with_capacity(slen as usize);
    for _ in 0..slen {
        let len = c.u16()?;
        if len == NULL_SYMBOL {
            syms.push(false);
            continue;
        }
        let data = c.take(len as usize + 1)?;
        if data[len as usize] != 0 {
            return fail("symbol name is not NUL-terminated");
        }
        syms.push(true);
    }
    Ok(syms)
}

fn catch_handlers(table: &[u8], boundaries: &[bool]) -> Result<(), RiteError> {
    let ilen = boundaries.len() as u32;
    for h in table.chunks_exact(CATCH_HANDLER_LEN) {
        let (kind, begin, end, target) = (h[0], be32(&h[1..]), be32(&h[5..]), be32(&h[9..]));
        if kind > 1 || begin > end || end > ilen || !at_boundary(boundaries, target) {
            return fail("catch handler table entry is out of range");
        }
    }
    Ok(())
}

fn debug_section(section: &[u8], tree: &IrepShape) -> Result<(), RiteError> {
    let mut c = Cursor::section(section, "DBG");
    let files = c.u16()?;
    skip_names(&mut c, u32::from(files))?;
    debug_record(&mut c, tree, files)?;
    c.done()
}

/// A table of length-prefixed names (file names, local variable names).
fn skip_names(c: &mut Cursor, count: u32) -> Result<(), RiteError> {
    for _ in 0..count {
        let len = c.u16()? as usize;
        c.take(len)?;
    }
    Ok(())
}

fn debug_record(c: &mut Cursor, irep: &IrepShape, files: u16) -> Result<(), RiteError> {
    let start = c.pos;
    let record_size = c.u32()? as usize;
    let flen = c.u16()?;
    let mut previous_start = None;
    for _ in 0..flen {
        let start_pos = c.u32()?;
        if start_pos >= irep.ilen || previous_start.is_some_and(|p| start_pos <= p) {
            return fail("debug file ranges are out of order");
        }
        previous_start = Some(start_pos);
        if c.u16()? >= files {
            return fail("debug record names a file that is not in the table");
        }
        let count = c.u32()? as usize;
        match c.u8()? {
            // mruby 3.x writes packed maps: pairs of LEB128 pc and line deltas.
            2 => packed_lines(c.take(count)?)?,
            kind => return fail(format!("debug line table type {kind} is not supported")),
        }
    }
    if c.pos - start != record_size {
        return fail("debug record size does not match its contents");
    }
    for child in &irep.children {
        debug_record(c, child, files)?;
    }
    Ok(())
}

fn packed_lines(map: &[u8]) -> Result<(), RiteError> {
    let mut pos = 0;
    let mut values = 0usize;
    while pos < map.len() {
        let len = map[pos..].iter().position(|b| b & 0x80 == 0);
        match len {
            Some(n) if n < 5 => pos += n + 1,
            _ => return fail("debug line map is malformed"),
        }
        values += 1;
    }
    if !values.is_multiple_of(2) {
        return fail("debug line map is malformed");
    }
    Ok(())
}

fn lvar_section(section: &[u8], tree: &IrepShape) -> Result<(), RiteError> {
    let mut c = Cursor::section(section, "LVAR");
    let names = c.u32()?;
    skip_names(&mut c, names)?;
    lvar_record(&mut c, tree, names)?;
    c.done()
}

fn lvar_record(c: &mut Cursor, irep: &IrepShape, names: u32) -> Result<(), RiteError> {
    for _ in 1..irep.nlocals {
        let name = c.u16()?;
        if name != NULL_SYMBOL && u32::from(name) >= names {
            return fail("local variable names a symbol that is not in the table");
        }
    }
    irep.children
        .iter()
        .try_for_each(|child| lvar_record(c, child, names))
}

#[cfg(test)]
mod tests;
