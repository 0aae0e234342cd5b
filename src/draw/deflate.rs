//! Deflate's format (RFC 1951) as an encoder writes it: codes and the bit writer, the symbols of
//! repeat lengths and distances with their extra bits, the fixed codes, canonical codes from code
//! lengths and their run-length form for a dynamic block's header, and the empty stored block
//! that ends a segment on a byte boundary. What to write is `row_deflate.rs`'s choice.

/// The longest repeat deflate codes.
pub(super) const MAX_MATCH: usize = 258;
/// The farthest back a repeat may reach (deflate's window).
pub(super) const WINDOW: usize = 32_768;

/// A code as it goes into the stream: its bits (first bit lowest) and how many there are.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Code {
    pub(super) bits: u32,
    pub(super) len: u32,
}

impl Code {
    /// A Huffman code of `len` bits, most significant first as deflate writes Huffman codes.
    pub(super) fn huffman(code: u32, len: u32) -> Code {
        Code {
            bits: code.reverse_bits() >> (32 - len),
            len,
        }
    }

    /// `self`, then `extra` bits of `value` (least significant first).
    pub(super) fn then(self, value: u32, extra: u32) -> Code {
        Code {
            bits: self.bits | (value << self.len),
            len: self.len + extra,
        }
    }
}

/// The fixed literal/length code of symbol `symbol` (RFC 1951, 3.2.6).
pub(super) fn fixed_symbol(symbol: u32) -> Code {
    match symbol {
        0..=143 => Code::huffman(0x30 + symbol, 8),
        144..=255 => Code::huffman(0x190 + symbol - 144, 9),
        256..=279 => Code::huffman(symbol - 256, 7),
        _ => Code::huffman(0xC0 + symbol - 280, 8),
    }
}

/// Base values and extra bits of the length symbols 257 to 285.
pub(super) const LENGTHS: [(u32, u32); 29] = [
    (3, 0),
    (4, 0),
    (5, 0),
    (6, 0),
    (7, 0),
    (8, 0),
    (9, 0),
    (10, 0),
    (11, 1),
    (13, 1),
    (15, 1),
    (17, 1),
    (19, 2),
    (23, 2),
    (27, 2),
    (31, 2),
    (35, 3),
    (43, 3),
    (51, 3),
    (59, 3),
    (67, 4),
    (83, 4),
    (99, 4),
    (115, 4),
    (131, 5),
    (163, 5),
    (195, 5),
    (227, 5),
    (258, 0),
];

/// The code of a repeat's length, 3 to 258, with its extra bits, in deflate's fixed code.
#[cfg(test)]
pub(super) fn length_code(length: u32) -> Code {
    let (symbol, extra, value) = length_symbol(length);
    fixed_symbol(symbol as u32).then(value, extra)
}

/// Bits gathered until whole bytes can be written.
pub(super) struct Bits<'a> {
    pub(super) out: &'a mut Vec<u8>,
    pub(super) gathered: u64,
    pub(super) count: u32,
}

impl<'a> Bits<'a> {
    pub(super) fn put(&mut self, code: Code) {
        self.gathered |= u64::from(code.bits) << self.count;
        self.count += code.len;
        if self.count >= 32 {
            self.out
                .extend_from_slice(&(self.gathered as u32).to_le_bytes());
            self.gathered >>= 32;
            self.count -= 32;
        }
    }

    /// Writes what is gathered, the last byte padded with zero bits, and hands back the output.
    pub(super) fn finish(self) -> &'a mut Vec<u8> {
        let bytes = self.count.div_ceil(8) as usize;
        self.out
            .extend_from_slice(self.gathered.to_le_bytes().get(..bytes).unwrap_or_default());
        self.out
    }
}

/// Symbols of the literal/length alphabet: 256 bytes, the end of a block, 29 lengths.
pub(super) const LITERALS: usize = 286;
/// Symbols of the distance alphabet.
pub(super) const DISTANCES: usize = 30;
/// The end-of-block symbol.
pub(super) const END: usize = 256;
/// The order in which a dynamic block lists the lengths of the code-length code (RFC 1951,
/// 3.2.7).
pub(super) const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// The symbol, extra bits and their value of a repeat's length, 3 to 258.
pub(super) fn length_symbol(length: u32) -> (usize, u32, u32) {
    let symbol = LENGTHS
        .iter()
        .rposition(|&(base, _)| base <= length)
        .unwrap_or(0);
    let (base, extra) = LENGTHS.get(symbol).copied().unwrap_or((3, 0));
    (257 + symbol, extra, length - base)
}

/// The symbol, extra bits and their value of a repeat's distance, 1 to 32,768.
pub(super) fn distance_symbol(distance: u32) -> (usize, u32, u32) {
    if distance <= 4 {
        return ((distance - 1) as usize, 0, 0);
    }
    // Two symbols for each power of two from 5 on.
    let high = 31 - (distance - 1).leading_zeros();
    let extra = high - 1;
    let second = ((distance - 1) >> extra) & 1;
    let base = (1 << high) + second * (1 << extra) + 1;
    ((2 * high + second) as usize, extra, distance - base)
}

/// The code of a repeat's distance with its extra bits, in deflate's fixed code (five bits).
#[cfg(test)]
pub(super) fn distance_code(distance: u32) -> Code {
    let (symbol, extra, value) = distance_symbol(distance);
    Code::huffman(symbol as u32, 5).then(value, extra)
}

/// The canonical Huffman codes of code lengths `lengths` (RFC 1951, 3.2.2).
pub(super) fn canonical_codes(lengths: &[u8]) -> Vec<Code> {
    let mut per_length = [0u32; 16];
    for &l in lengths {
        if let Some(n) = per_length.get_mut(usize::from(l)) {
            *n += 1;
        }
    }
    per_length[0] = 0;
    let mut next = [0u32; 16];
    let mut code = 0;
    for bits in 1..16 {
        code = (code + per_length.get(bits - 1).copied().unwrap_or(0)) << 1;
        if let Some(n) = next.get_mut(bits) {
            *n = code;
        }
    }
    lengths
        .iter()
        .map(|&l| {
            let Some(n) = next.get_mut(usize::from(l)).filter(|_| l > 0) else {
                return Code::default();
            };
            let code = Code::huffman(*n, u32::from(l));
            *n += 1;
            code
        })
        .collect()
}

/// The code lengths of both alphabets as a dynamic block lists them: each length (0 to 15), or
/// 16 (the previous length 3 to 6 times more), 17 (3 to 10 zeros), 18 (11 to 138 zeros), with
/// the value of their extra bits.
pub(super) fn run_length_lengths(lengths: &[u8]) -> Vec<(u8, u32)> {
    let mut symbols = Vec::new();
    let mut at = 0;
    while let Some(&length) = lengths.get(at) {
        let same = lengths
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&l| l == length)
            .count();
        if length == 0 && same >= 11 {
            let n = same.min(138);
            symbols.push((18, (n - 11) as u32));
            at += n;
        } else if length == 0 && same >= 3 {
            symbols.push((17, (same - 3) as u32));
            at += same;
        } else if length != 0 && same >= 4 {
            symbols.push((length, 0));
            let n = (same - 1).min(6);
            symbols.push((16, (n - 3) as u32));
            at += 1 + n;
        } else {
            symbols.push((length, 0));
            at += 1;
        }
    }
    symbols
}

/// Ends a segment: an empty stored block up to the next byte boundary, with its length and the
/// length's complement.
pub(super) fn finish_segment(mut bits: Bits<'_>) {
    bits.put(Code { bits: 0, len: 3 });
    let out = bits.finish();
    out.extend_from_slice(&[0x00, 0x00, 0xFF, 0xFF]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_and_distance_has_the_code_of_rfc_1951() {
        // Spot checks against the tables of RFC 1951, 3.2.5, bits as written (reversed codes).
        let reversed = |code: u32, len: u32| code.reverse_bits() >> (32 - len);
        let length = length_code(3);
        assert_eq!((length.bits, length.len), (reversed(1, 7), 7), "257: 3");
        let length = length_code(12);
        assert_eq!(
            (length.bits, length.len),
            (reversed(9, 7) | (1 << 7), 8),
            "265: 11-12, one extra bit"
        );
        let length = length_code(258);
        assert_eq!(
            (length.bits, length.len),
            (reversed(0xC5, 8), 8),
            "285: 258"
        );
        let length = length_code(257);
        assert_eq!(
            (length.bits, length.len),
            (reversed(0xC4, 8) | (30 << 8), 13),
            "284: 227-257, five extra bits"
        );
        for (distance, symbol, extra_value, extra) in [
            (1, 0, 0, 0),
            (4, 3, 0, 0),
            (5, 4, 0, 1),
            (6, 4, 1, 1),
            (7, 5, 0, 1),
            (601, 18, 88, 8),
            (1024, 19, 255, 8),
            (32_768, 29, 8191, 13),
        ] {
            let code = distance_code(distance);
            assert_eq!(
                (code.bits, code.len),
                (reversed(symbol, 5) | (extra_value << 5), 5 + extra),
                "distance {distance}"
            );
        }
    }
}
