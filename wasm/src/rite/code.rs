//! The instruction stream of one irep: decoding every instruction and
//! checking its operands against the irep it belongs to (docs/bytecode.md).

use super::{fail, PoolKind, RiteError};

pub(super) fn at_boundary(boundaries: &[bool], pc: u32) -> bool {
    boundaries.get(pc as usize).copied().unwrap_or(false)
}

/// Operand layouts, named as in mruby's ops.h.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Z,
    B,
    BB,
    BBB,
    BS,
    BSS,
    S,
    W,
}

/// What each operand of an instruction refers to, for bounds checks.
#[derive(Clone, Copy)]
enum Check {
    /// Nothing to check (a literal, flags, or a depth the VM checks itself).
    None,
    /// Register a.
    A,
    /// Registers a and a+1.
    A2,
    /// Registers a..=a+2: also what ops that fall back to a one-argument
    /// send use (the VM clears the block slot R[a+2]).
    A3,
    /// Registers a..=a+3 (SETIDX falls back to a two-argument send).
    A4,
    /// Registers a and b.
    AB,
    /// Register a and Syms[b].
    ASym,
    /// Registers a, a+1 and Syms[b].
    A2Sym,
    /// Register a and Pool[b] of any kind.
    APool,
    /// Register a and a string Pool[b].
    AStr,
    /// Register a and Irep[b].
    AIrep,
    /// A send: registers a..=a+bidx(c), Syms[b].
    Send,
    /// super: registers a..=a+bidx(b).
    Super,
    /// Registers a..=a+b.
    ARange,
    /// Registers a..a+b, b of them (at least R[a]).
    ACount,
    /// Register a and b..b+c, c of them.
    Array2,
    /// Registers a and b (AREF/ASET: c is an index literal).
    ABLit,
    /// Registers a..=a+c.
    APost,
    /// Registers a..=a+2b-1 (HASH) / a..=a+2b (HASHADD).
    Hash(u32),
    /// Syms[a], Syms[b].
    TwoSyms,
    /// Syms[a].
    Sym,
    /// A string Pool[a].
    Str,
    /// Registers a..=a+2 (argument array, kwargs, block).
    ArgAry,
    /// Argument spec: everything it writes must fit in nregs.
    Enter,
    /// A relative jump by a (pc after the instruction).
    Jump,
    /// Register a and a relative jump by b.
    CondJump,
}

const OPS: [(Layout, Check); 106] = {
    use Check as C;
    use Layout as L;
    [
        (L::Z, C::None),      // NOP
        (L::BB, C::AB),       // MOVE
        (L::BB, C::APool),    // LOADL
        (L::BB, C::A),        // LOADI
        (L::BB, C::A),        // LOADINEG
        (L::B, C::A),         // LOADI__1
        (L::B, C::A),         // LOADI_0
        (L::B, C::A),         // LOADI_1
        (L::B, C::A),         // LOADI_2
        (L::B, C::A),         // LOADI_3
        (L::B, C::A),         // LOADI_4
        (L::B, C::A),         // LOADI_5
        (L::B, C::A),         // LOADI_6
        (L::B, C::A),         // LOADI_7
        (L::BS, C::A),        // LOADI16
        (L::BSS, C::A),       // LOADI32
        (L::BB, C::ASym),     // LOADSYM
        (L::B, C::A),         // LOADNIL
        (L::B, C::A),         // LOADSELF
        (L::B, C::A),         // LOADT
        (L::B, C::A),         // LOADF
        (L::BB, C::ASym),     // GETGV
        (L::BB, C::ASym),     // SETGV
        (L::BB, C::ASym),     // GETSV
        (L::BB, C::ASym),     // SETSV
        (L::BB, C::ASym),     // GETIV
        (L::BB, C::ASym),     // SETIV
        (L::BB, C::ASym),     // GETCV
        (L::BB, C::ASym),     // SETCV
        (L::BB, C::ASym),     // GETCONST
        (L::BB, C::ASym),     // SETCONST
        (L::BB, C::ASym),     // GETMCNST
        (L::BB, C::A2Sym),    // SETMCNST
        (L::BBB, C::A),       // GETUPVAR
        (L::BBB, C::A),       // SETUPVAR
        (L::B, C::A3),        // GETIDX
        (L::B, C::A4),        // SETIDX
        (L::S, C::Jump),      // JMP
        (L::BS, C::CondJump), // JMPIF
        (L::BS, C::CondJump), // JMPNOT
        (L::BS, C::CondJump), // JMPNIL
        (L::S, C::Jump),      // JMPUW
        (L::B, C::A),         // EXCEPT
        (L::BB, C::AB),       // RESCUE
        (L::B, C::A),         // RAISEIF
        (L::BBB, C::Send),    // SSEND
        (L::BBB, C::Send),    // SSENDB
        (L::BBB, C::Send),    // SEND
        (L::BBB, C::Send),    // SENDB
        (L::Z, C::None),      // CALL
        (L::BB, C::Super),    // SUPER
        (L::BS, C::ArgAry),   // ARGARY
        (L::W, C::Enter),     // ENTER
        (L::BB, C::ASym),     // KEY_P
        (L::Z, C::None),      // KEYEND
        (L::BB, C::ASym),     // KARG
        (L::B, C::A),         // RETURN
        (L::B, C::A),         // RETURN_BLK
        (L::B, C::A),         // BREAK
        (L::BS, C::A),        // BLKPUSH
        (L::B, C::A3),        // ADD
        (L::BB, C::A3),       // ADDI
        (L::B, C::A3),        // SUB
        (L::BB, C::A3),       // SUBI
        (L::B, C::A3),        // MUL
        (L::B, C::A3),        // DIV
        (L::B, C::A3),        // EQ
        (L::B, C::A3),        // LT
        (L::B, C::A3),        // LE
        (L::B, C::A3),        // GT
        (L::B, C::A3),        // GE
        (L::BB, C::ACount),   // ARRAY
        (L::BBB, C::Array2),  // ARRAY2
        (L::B, C::A2),        // ARYCAT
        (L::BB, C::ARange),   // ARYPUSH
        (L::B, C::A),         // ARYSPLAT
        (L::BBB, C::ABLit),   // AREF
        (L::BBB, C::ABLit),   // ASET
        (L::BBB, C::APost),   // APOST
        (L::B, C::A),         // INTERN
        (L::BB, C::AStr),     // SYMBOL
        (L::BB, C::AStr),     // STRING
        (L::B, C::A2),        // STRCAT
        (L::BB, C::Hash(1)),  // HASH
        (L::BB, C::Hash(0)),  // HASHADD
        (L::B, C::A2),        // HASHCAT
        (L::BB, C::AIrep),    // LAMBDA
        (L::BB, C::AIrep),    // BLOCK
        (L::BB, C::AIrep),    // METHOD
        (L::B, C::A2),        // RANGE_INC
        (L::B, C::A2),        // RANGE_EXC
        (L::B, C::A),         // OCLASS
        (L::BB, C::A2Sym),    // CLASS
        (L::BB, C::ASym),     // MODULE
        (L::BB, C::AIrep),    // EXEC
        (L::BB, C::A2Sym),    // DEF
        (L::BB, C::TwoSyms),  // ALIAS
        (L::B, C::Sym),       // UNDEF
        (L::B, C::A),         // SCLASS
        (L::B, C::A),         // TCLASS
        (L::BBB, C::None),    // DEBUG (refused below: it prints or aborts)
        (L::B, C::Str),       // ERR
        (L::Z, C::None),      // EXT1
        (L::Z, C::None),      // EXT2
        (L::Z, C::None),      // EXT3
        (L::Z, C::None),      // STOP
    ]
};

pub(super) const OP_JMP: u8 = 37;
pub(super) const OP_JMPUW: u8 = 41;
pub(super) const OP_ENTER: u8 = 52;
pub(super) const OP_RETURN: u8 = 56;
pub(super) const OP_RETURN_BLK: u8 = 57;
pub(super) const OP_BREAK: u8 = 58;
pub(super) const OP_DEBUG: u8 = 100;
pub(super) const OP_ERR: u8 = 101;
pub(super) const OP_EXT1: u8 = 102;
pub(super) const OP_EXT3: u8 = 104;
pub(super) const OP_STOP: u8 = 105;

/// Instructions after which execution never falls through to the next byte.
fn ends_flow(op: u8) -> bool {
    matches!(
        op,
        OP_JMP | OP_JMPUW | OP_RETURN | OP_RETURN_BLK | OP_BREAK | OP_ERR | OP_STOP
    )
}

pub(super) struct Irep<'a> {
    pub nregs: u16,
    pub rlen: u16,
    pub pool: &'a [PoolKind],
    pub syms: &'a [bool],
}

struct Insn {
    op: u8,
    start: usize,
    end: usize,
    a: u32,
    b: u32,
    c: u32,
}

impl Irep<'_> {
    /// Decodes and checks every instruction; returns which offsets start one.
    pub(super) fn instructions(&self, iseq: &[u8]) -> Result<Vec<bool>, RiteError> {
        let mut boundaries = vec![false; iseq.len()];
        let mut insns = Vec::new();
        let mut pc = 0;
        while pc < iseq.len() {
            let insn = decode(iseq, pc)?;
            boundaries[pc] = true;
            pc = insn.end;
            insns.push(insn);
        }
        let last = insns.last().expect("ilen > 0");
        if !ends_flow(last.op) {
            return fail("instruction stream can run past its end");
        }
        for (i, insn) in insns.iter().enumerate() {
            self.operands(insn, &boundaries)
                .map_err(|e| RiteError(format!("{} (instruction at {})", e.0, insn.start)))?;
            if insn.op == OP_ENTER {
                // ENTER skips over one 3-byte JMP per optional argument given.
                let opt = (insn.a >> 13) & 0x1f;
                let table = insns.get(i + 1..i + 1 + opt as usize);
                if !table.is_some_and(|t| t.iter().all(|j| j.op == OP_JMP && j.end - j.start == 3))
                {
                    return fail("optional-argument jump table is malformed");
                }
            }
        }
        Ok(boundaries)
    }

    fn operands(&self, i: &Insn, boundaries: &[bool]) -> Result<(), RiteError> {
        let (a, b, c) = (i.a, i.b, i.c);
        match OPS[i.op as usize].1 {
            Check::None => Ok(()),
            Check::A => self.regs(a, 0),
            Check::A2 => self.regs(a, 1),
            Check::A3 => self.regs(a, 2),
            Check::A4 => self.regs(a, 3),
            Check::AB | Check::ABLit => self.regs(a, 0).and(self.regs(b, 0)),
            Check::ASym => self.regs(a, 0).and(self.sym(b)),
            Check::A2Sym => self.regs(a, 1).and(self.sym(b)),
            Check::APool => self.regs(a, 0).and(self.pool(b, None)),
            Check::AStr => self.regs(a, 0).and(self.pool(b, Some(PoolKind::Str))),
            Check::Str => self.pool(a, Some(PoolKind::Str)),
            Check::AIrep if b < u32::from(self.rlen) => self.regs(a, 0),
            Check::AIrep => fail(format!("child irep {b} does not exist")),
            Check::Send => self.sym(b).and(self.regs(a, block_index(c))),
            Check::Super => self.regs(a, block_index(b)),
            Check::ARange => self.regs(a, b),
            Check::ACount => self.regs(a, b.saturating_sub(1)),
            Check::Array2 => self.regs(a, 0).and(self.regs(b, c.saturating_sub(1))),
            Check::APost => self.regs(a, c),
            Check::Hash(fewer) => self.regs(a, (2 * b).saturating_sub(fewer)),
            Check::TwoSyms => self.sym(a).and(self.sym(b)),
            Check::Sym => self.sym(a),
            Check::ArgAry => self.regs(a, 1 + (b >> 4 & 1)),
            Check::Enter => self.enter(a),
            Check::Jump => jump(boundaries, i.end, a),
            Check::CondJump => self.regs(a, 0).and(jump(boundaries, i.end, b)),
        }
    }

    /// Registers a..=a+extra exist.
    fn regs(&self, a: u32, extra: u32) -> Result<(), RiteError> {
        if a + extra >= u32::from(self.nregs) {
            return fail(format!(
                "register {} is outside the irep's {} registers",
                a + extra,
                self.nregs
            ));
        }
        Ok(())
    }

    fn sym(&self, i: u32) -> Result<(), RiteError> {
        match self.syms.get(i as usize) {
            Some(true) => Ok(()),
            _ => fail(format!("symbol {i} does not exist")),
        }
    }

    fn pool(&self, i: u32, kind: Option<PoolKind>) -> Result<(), RiteError> {
        match self.pool.get(i as usize) {
            Some(k) if kind.is_none_or(|want| want == *k) => Ok(()),
            Some(_) => fail(format!("pool entry {i} has the wrong type")),
            None => fail(format!("pool entry {i} does not exist")),
        }
    }

    /// OP_ENTER writes the arguments, the keyword hash and the block slot.
    fn enter(&self, aspec: u32) -> Result<(), RiteError> {
        let (req, opt, rest, post) = (
            aspec >> 18 & 0x1f,
            aspec >> 13 & 0x1f,
            aspec >> 12 & 1,
            aspec >> 7 & 0x1f,
        );
        let kd = u32::from(aspec >> 2 & 0x1f > 0 || aspec >> 1 & 1 == 1);
        self.regs(req + opt + rest + post + kd + 1, 0)
    }
}

/// Where a send's block argument sits, relative to a (mruby's mrb_bidx).
fn block_index(c: u32) -> u32 {
    let (n, k) = (c & 0xf, c >> 4 & 0xf);
    let args = if n == 15 { 1 } else { n };
    let kwargs = if k == 15 { 1 } else { 2 * k };
    args + kwargs + 1
}

fn jump(boundaries: &[bool], next: usize, offset: u32) -> Result<(), RiteError> {
    let target = next as i64 + i64::from(offset as u16 as i16);
    if target < 0 || !at_boundary(boundaries, target as u32) {
        return fail("jump target is not an instruction");
    }
    Ok(())
}

fn decode(iseq: &[u8], start: usize) -> Result<Insn, RiteError> {
    let mut pc = start;
    let mut op = iseq[pc];
    pc += 1;
    // EXT1/2/3 widen operand a, b, or both to 16 bits.
    let (mut wide_a, mut wide_b) = (false, false);
    if (OP_EXT1..=OP_EXT3).contains(&op) {
        let ext = op - OP_EXT1 + 1;
        wide_a = ext & 1 != 0;
        wide_b = ext & 2 != 0;
        op = *iseq
            .get(pc)
            .ok_or_else(|| RiteError("truncated instruction".into()))?;
        pc += 1;
        if (OP_EXT1..=OP_EXT3).contains(&op) {
            return fail(format!("doubled operand prefix at {start}"));
        }
    }
    if op as usize >= OPS.len() || op == OP_DEBUG {
        return fail(format!("invalid opcode {op} at {start}"));
    }
    let layout = OPS[op as usize].0;
    // The VM ignores a prefix on these; so does the decoder.
    let (wide_a, wide_b) = match layout {
        Layout::B | Layout::BB | Layout::BBB | Layout::BS | Layout::BSS => (wide_a, wide_b),
        _ => (false, false),
    };
    let mut read = |width: usize| -> Result<u32, RiteError> {
        let bytes = iseq
            .get(pc..pc + width)
            .ok_or_else(|| RiteError(format!("truncated instruction at {start}")))?;
        pc += width;
        Ok(bytes.iter().fold(0, |acc, &x| acc << 8 | u32::from(x)))
    };
    let byte_or_short = |wide: bool| if wide { 2 } else { 1 };
    let (a, b, c) = match layout {
        Layout::Z => (0, 0, 0),
        Layout::B => (read(byte_or_short(wide_a))?, 0, 0),
        Layout::BB => (
            read(byte_or_short(wide_a))?,
            read(byte_or_short(wide_b))?,
            0,
        ),
        Layout::BBB => (
            read(byte_or_short(wide_a))?,
            read(byte_or_short(wide_b))?,
            read(1)?,
        ),
        // b is already 16 bits in these; EXT1/EXT3 widen a.
        Layout::BS => (read(byte_or_short(wide_a))?, read(2)?, 0),
        Layout::BSS => (read(byte_or_short(wide_a))?, read(2)?, read(2)?),
        Layout::S => (read(2)?, 0, 0),
        Layout::W => (read(3)?, 0, 0),
    };
    Ok(Insn {
        op,
        start,
        end: pc,
        a,
        b,
        c,
    })
}
