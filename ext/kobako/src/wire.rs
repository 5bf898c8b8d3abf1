//! Buffers shared with the guest: `(ptr << 32) | len` packing, bounds checks
//! and the 16 MiB message cap of docs/wire.md.

/// Largest message (frame, outcome, Service request or response).
pub const MAX_MESSAGE: usize = 16 << 20;

/// Splits an `(ptr << 32) | len` value.
pub fn unpack_region(packed: i64) -> (u32, u32) {
    let packed = packed as u64;
    ((packed >> 32) as u32, packed as u32)
}

pub fn pack_region(ptr: u32, len: u32) -> i64 {
    ((u64::from(ptr) << 32) | u64::from(len)) as i64
}

/// The `len` bytes at `ptr`, if they lie inside `memory` and within the cap.
pub fn read_region(memory: &[u8], ptr: u32, len: u32) -> Result<&[u8], String> {
    let len = len as usize;
    if len > MAX_MESSAGE {
        return Err(format!(
            "{len} bytes exceeds the {MAX_MESSAGE}-byte message cap"
        ));
    }
    let start = ptr as usize;
    start
        .checked_add(len)
        .and_then(|end| memory.get(start..end))
        .ok_or_else(|| {
            format!(
                "{len} bytes at {start} lie outside guest memory ({} bytes)",
                memory.len()
            )
        })
}

pub mod status;

#[cfg(test)]
mod tests;
