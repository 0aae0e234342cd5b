//! A deflate encoder for rows of a picture that mostly repeat the row above them or their own
//! last byte: the text of a share card over a flat background. It looks for a repeat in two
//! places only, the same byte one row up and the byte just before, and codes what it finds with
//! deflate's fixed Huffman codes. That is what a general compressor finds in such rows too, at
//! a fraction of the work: no hashing, and runs compared eight bytes at a time.
//!
//! The output is a run of fixed-code blocks ending on a byte boundary (an empty stored block,
//! as zlib's full flush ends), so it can be put between other such segments of one stream.
//! Its repeats may reach back before the segment, into rows the decoder has already produced:
//! the caller says where in the picture's rows the segment starts.

/// The longest repeat deflate codes.
const MAX_MATCH: usize = 258;
/// The shortest repeat worth coding: three bytes cost 20 bits as a repeat of the row above,
/// 24 to 27 as literals.
const MIN_MATCH: usize = 3;
/// The farthest back a repeat may reach (deflate's window).
const WINDOW: usize = 32_768;

/// A code as it goes into the stream: its bits (first bit lowest) and how many there are.
#[derive(Debug, Clone, Copy, Default)]
struct Code {
    bits: u32,
    len: u32,
}

impl Code {
    /// A Huffman code of `len` bits, most significant first as deflate writes Huffman codes.
    fn huffman(code: u32, len: u32) -> Code {
        Code {
            bits: code.reverse_bits() >> (32 - len),
            len,
        }
    }

    /// `self`, then `extra` bits of `value` (least significant first).
    fn then(self, value: u32, extra: u32) -> Code {
        Code {
            bits: self.bits | (value << self.len),
            len: self.len + extra,
        }
    }
}

/// The fixed literal/length code of symbol `symbol` (RFC 1951, 3.2.6).
fn fixed_symbol(symbol: u32) -> Code {
    match symbol {
        0..=143 => Code::huffman(0x30 + symbol, 8),
        144..=255 => Code::huffman(0x190 + symbol - 144, 9),
        256..=279 => Code::huffman(symbol - 256, 7),
        _ => Code::huffman(0xC0 + symbol - 280, 8),
    }
}

/// Base values and extra bits of the length symbols 257 to 285.
const LENGTHS: [(u32, u32); 29] = [
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

/// The code of a repeat's length, 3 to 258, with its extra bits.
fn length_code(length: u32) -> Code {
    // The last symbol whose base is at most `length`; 258 has a symbol of its own.
    let symbol = LENGTHS
        .iter()
        .rposition(|&(base, _)| base <= length)
        .unwrap_or(0);
    let (base, extra) = LENGTHS.get(symbol).copied().unwrap_or((3, 0));
    fixed_symbol(257 + symbol as u32).then(length - base, extra)
}

/// The code of a repeat's distance, 1 to 32,768, with its extra bits: fixed codes are five bits.
fn distance_code(distance: u32) -> Code {
    let (symbol, base, extra) = if distance <= 4 {
        (distance - 1, distance, 0)
    } else {
        // Two symbols for each power of two from 5 on.
        let high = 31 - (distance - 1).leading_zeros();
        let extra = high - 1;
        let second = ((distance - 1) >> extra) & 1;
        let base = (1 << high) + second * (1 << extra) + 1;
        (2 * high + second, base, extra)
    };
    Code::huffman(symbol, 5).then(distance - base, extra)
}

/// Bits gathered until whole bytes can be written.
struct Bits<'a> {
    out: &'a mut Vec<u8>,
    gathered: u64,
    count: u32,
}

impl Bits<'_> {
    fn put(&mut self, code: Code) {
        self.gathered |= u64::from(code.bits) << self.count;
        self.count += code.len;
        if self.count >= 32 {
            self.out
                .extend_from_slice(&(self.gathered as u32).to_le_bytes());
            self.gathered >>= 32;
            self.count -= 32;
        }
    }

    /// Writes what is gathered, the last byte padded with zero bits.
    fn finish(self) {
        let bytes = self.count.div_ceil(8) as usize;
        self.out
            .extend_from_slice(self.gathered.to_le_bytes().get(..bytes).unwrap_or_default());
    }
}

/// The codes the encoder writes, made once for a distance that repeats the row above.
#[derive(Debug)]
pub struct RowCoder {
    literals: [Code; 256],
    lengths: [Code; MAX_MATCH + 1],
    up: Code,
    previous: Code,
    stride: usize,
}

impl RowCoder {
    /// A coder for rows of `stride` bytes (at most deflate's window).
    pub fn new(stride: usize) -> RowCoder {
        let mut literals = [Code::default(); 256];
        for (symbol, code) in literals.iter_mut().enumerate() {
            *code = fixed_symbol(symbol as u32);
        }
        let mut lengths = [Code::default(); MAX_MATCH + 1];
        for (length, code) in lengths.iter_mut().enumerate().skip(MIN_MATCH) {
            *code = length_code(length as u32);
        }
        let stride = stride.clamp(1, WINDOW);
        RowCoder {
            literals,
            lengths,
            up: distance_code(stride as u32),
            previous: distance_code(1),
            stride,
        }
    }

    /// Appends to `out` the bytes `data[from..to]` deflated, ending on a byte boundary. Repeats
    /// may reach back to `data[from - stride]`: the decoder must have produced `data[..from]`
    /// before this segment.
    pub fn deflate(&self, data: &[u8], from: usize, to: usize, out: &mut Vec<u8>) {
        let to = to.min(data.len());
        let mut bits = Bits {
            out,
            gathered: 0,
            count: 0,
        };
        // A block with fixed codes, not the last.
        bits.put(Code {
            bits: 0b010,
            len: 3,
        });
        let mut at = from.min(to);
        while at < to {
            let longest = (to - at).min(MAX_MATCH);
            let up = match at.checked_sub(self.stride) {
                Some(above) => common_prefix(data, above, at, longest),
                None => 0,
            };
            if up >= MAX_MATCH / 4 {
                bits.put(self.lengths.get(up).copied().unwrap_or_default());
                bits.put(self.up);
                at += up;
                continue;
            }
            // A repeat of the byte before, overlapping itself: a run of that byte.
            let run = match at.checked_sub(1) {
                Some(before) => common_prefix(data, before, at, longest),
                None => 0,
            };
            let (length, distance) = if run > up {
                (run, self.previous)
            } else {
                (up, self.up)
            };
            if length >= MIN_MATCH {
                bits.put(self.lengths.get(length).copied().unwrap_or_default());
                bits.put(distance);
                at += length;
            } else {
                let byte = data.get(at).copied().unwrap_or(0);
                bits.put(
                    self.literals
                        .get(usize::from(byte))
                        .copied()
                        .unwrap_or_default(),
                );
                at += 1;
            }
        }
        // End of block, then an empty stored block up to the next byte boundary, with its
        // length and the length's complement.
        bits.put(fixed_symbol(256));
        bits.put(Code { bits: 0, len: 3 });
        bits.finish();
        out.extend_from_slice(&[0x00, 0x00, 0xFF, 0xFF]);
    }
}

/// How many bytes from `at` on (at most `longest`) equal those from `earlier` on (the two may
/// overlap, as a repeat in deflate may).
fn common_prefix(data: &[u8], earlier: usize, at: usize, longest: usize) -> usize {
    let (Some(old), Some(new)) = (
        data.get(earlier..earlier + longest),
        data.get(at..at + longest),
    ) else {
        return 0;
    };
    let (old_words, _) = old.as_chunks::<8>();
    let (new_words, _) = new.as_chunks::<8>();
    let mut same = 0;
    for (a, b) in old_words.iter().zip(new_words) {
        let differ = u64::from_le_bytes(*a) ^ u64::from_le_bytes(*b);
        if differ != 0 {
            return same + (differ.trailing_zeros() / 8) as usize;
        }
        same += 8;
    }
    same + old
        .get(same..)
        .unwrap_or_default()
        .iter()
        .zip(new.get(same..).unwrap_or_default())
        .take_while(|(a, b)| a == b)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `segments` deflated one after another as one zlib-less stream, then inflated.
    fn round_trip(data: &[u8], stride: usize, segments: &[(usize, usize)]) -> Vec<u8> {
        let coder = RowCoder::new(stride);
        let mut stream = Vec::new();
        for &(from, to) in segments {
            coder.deflate(data, from, to, &mut stream);
        }
        // The last block: empty, fixed codes.
        stream.extend_from_slice(&[0x03, 0x00]);
        let mut inflated = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::DeflateDecoder::new(&stream[..]),
            &mut inflated,
        )
        .unwrap();
        inflated
    }

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

    #[test]
    fn rows_deflated_in_segments_inflate_to_the_same_bytes() {
        // Rows of runs, repeats of the row above, and noise, in segments that start anywhere.
        let stride = 61;
        let mut state = 7u32;
        let mut data = Vec::new();
        for y in 0..40 {
            for x in 0..stride {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let byte = match y % 4 {
                    0 => (state >> 16) as u8,
                    1 => data
                        .get(data.len().wrapping_sub(stride))
                        .copied()
                        .unwrap_or(9),
                    2 if x % 7 == 0 => (state >> 20) as u8,
                    _ => (y * 3) as u8,
                };
                data.push(byte);
            }
        }
        let whole = round_trip(&data, stride, &[(0, data.len())]);
        assert_eq!(whole, data);
        let parts = round_trip(
            &data,
            stride,
            &[
                (0, 1),
                (1, 300),
                (300, 301),
                (301, 1500),
                (1500, data.len()),
            ],
        );
        assert_eq!(parts, data);
        // Repeats make it smaller than the rows.
        let coder = RowCoder::new(stride);
        let mut out = Vec::new();
        coder.deflate(&data, 0, data.len(), &mut out);
        assert!(
            out.len() < data.len() * 3 / 4,
            "{} of {}",
            out.len(),
            data.len()
        );
    }
}
