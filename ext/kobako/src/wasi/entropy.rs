//! Entropy for the hermetic profile: `random_get` returns a fixed stream
//! (SplitMix64 from a constant seed), so the same script gives the same output.

use rand_core::TryRng;
use std::convert::Infallible;

/// Seed of the stream WASI `random_get` reads.
pub const SECURE_SEED: u64 = 0x6b6f_6261_6b6f_0001;
/// Seed of the stream behind `wasi:random/insecure` (unused by WASIp1 guests).
pub const INSECURE_SEED: u64 = 0x6b6f_6261_6b6f_0002;

/// A deterministic generator; not for secrets, by design.
pub struct FixedStream {
    state: u64,
}

impl FixedStream {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    fn next(&mut self) -> u64 {
        // SplitMix64 (Steele, Lea, Flood 2014).
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl TryRng for FixedStream {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.next() as u32)
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.next())
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dest.chunks_mut(8) {
            let word = self.next().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
