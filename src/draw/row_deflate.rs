//! A deflate encoder for rows of a picture that mostly repeat the row above them or their own
//! last byte: the text of a share card over a flat background. It looks for a repeat in two
//! places only, the same byte one row up and the byte just before: that is what a general
//! compressor finds in such rows too, at a fraction of the work: no hashing, and runs compared
//! eight bytes at a time. What it finds is written as it is found, with deflate's fixed codes or
//! with Huffman codes made once from a sample of rows like those to come (a made-up card over
//! the same background): a dynamic block whose header is the same for every segment, so that
//! coding a segment costs what the fixed codes cost, and the result is the same whichever
//! picture is coded first.
//!
//! The output is a block ending on a byte boundary (an empty stored block, as zlib's full flush
//! ends), so it can be put between other such segments of one stream. Its repeats may reach
//! back before the segment, into rows the decoder has already produced: the caller says where
//! in the picture's rows the segment starts.

use crate::draw::deflate::*;
use crate::draw::huffman::code_lengths;

/// The shortest segment written with trained codes: a shorter one costs less with the fixed
/// codes than the header stating the trained ones.
const TRAINED_FROM: usize = 2_048;
/// The shortest repeat worth coding: three bytes cost 20 bits as a repeat of the row above,
/// 24 to 27 as literals.
const MIN_MATCH: usize = 3;

/// The codes a block writes its tokens with: each byte's, each repeat length's with its extra
/// bits, the two distances' with theirs, and the end of the block's.
#[derive(Debug, Clone)]
struct Codes {
    literals: [Code; 256],
    lengths: [Code; MAX_MATCH + 1],
    up: Code,
    previous: Code,
    end: Code,
}

impl Codes {
    /// The codes of the literal/length alphabet `literal` and the distance alphabet
    /// `distance`, for `coder`'s rows.
    fn new(
        coder: &RowCoder,
        literal: impl Fn(usize) -> Code,
        distance: impl Fn(usize) -> Code,
    ) -> Codes {
        let mut literals = [Code::default(); 256];
        for (symbol, code) in literals.iter_mut().enumerate() {
            *code = literal(symbol);
        }
        let mut lengths = [Code::default(); MAX_MATCH + 1];
        for (code, &(symbol, extra, value)) in lengths
            .iter_mut()
            .zip(&coder.length_symbols)
            .skip(MIN_MATCH)
        {
            *code = literal(usize::from(symbol)).then(u32::from(value), u32::from(extra));
        }
        let (up, up_extra, up_value) = distance_symbol(coder.stride as u32);
        Codes {
            literals,
            lengths,
            up: distance(up).then(up_value, up_extra),
            previous: distance(0),
            end: literal(END),
        }
    }
}

/// How often each symbol of the two alphabets occurs in some rows (the end of a block
/// included).
struct Counts {
    literals: [u32; LITERALS],
    distances: [u32; DISTANCES],
}

/// What the coder writes at a position: a byte as it is, or a repeat of `length` bytes of the
/// row above (`up`) or of the byte before.
enum Token {
    Literal(u8),
    Repeat { length: usize, up: bool },
}

/// The bytes of rows `stride` long, from `at` to `to`, as the coder writes them: at each
/// position a repeat of the row above or of the byte before (a run), whichever is longer, or a
/// literal where neither is at least [`MIN_MATCH`] long; a repeat of the row above of a quarter
/// of the longest repeat or more is taken without looking for a run.
struct Tokens<'a> {
    data: &'a [u8],
    stride: usize,
    at: usize,
    to: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        let (data, at) = (self.data, self.at);
        if at >= self.to {
            return None;
        }
        let longest = (self.to - at).min(MAX_MATCH);
        let up = match at.checked_sub(self.stride) {
            Some(above) => common_prefix(data, above, at, longest),
            None => 0,
        };
        let run = match at.checked_sub(1) {
            Some(before) if up < MAX_MATCH / 4 => common_prefix(data, before, at, longest),
            _ => 0,
        };
        let (length, up) = if run > up { (run, false) } else { (up, true) };
        if length >= MIN_MATCH {
            self.at += length;
            Some(Token::Repeat { length, up })
        } else {
            self.at += 1;
            Some(Token::Literal(data.get(at).copied().unwrap_or(0)))
        }
    }
}

/// The encoder of rows `stride` bytes long, with deflate's fixed codes made once.
#[derive(Debug)]
pub struct RowCoder {
    fixed: Codes,
    /// Codes made from a sample of rows like those to come, and the block header that states
    /// them.
    trained: Option<(Vec<Code>, Codes)>,
    /// Each repeat length's symbol, extra bits and their value.
    length_symbols: [(u16, u8, u8); MAX_MATCH + 1],
    /// The distance symbol of the row above.
    up_symbol: usize,
    stride: usize,
}

impl RowCoder {
    /// A coder for rows of `stride` bytes (at most deflate's window).
    pub fn new(stride: usize) -> RowCoder {
        let stride = stride.clamp(1, WINDOW);
        let mut length_symbols = [(0, 0, 0); MAX_MATCH + 1];
        for (length, slot) in length_symbols.iter_mut().enumerate().skip(MIN_MATCH) {
            let (symbol, extra, value) = length_symbol(length as u32);
            // Symbols below 286, at most five extra bits.
            *slot = (symbol as u16, extra as u8, value as u8);
        }
        let mut coder = RowCoder {
            fixed: Codes {
                literals: [Code::default(); 256],
                lengths: [Code::default(); MAX_MATCH + 1],
                up: Code::default(),
                previous: Code::default(),
                end: Code::default(),
            },
            trained: None,
            length_symbols,
            up_symbol: distance_symbol(stride as u32).0,
            stride,
        };
        coder.fixed = Codes::new(
            &coder,
            |symbol| fixed_symbol(symbol as u32),
            |symbol| Code::huffman(symbol as u32, 5),
        );
        coder
    }

    /// Appends to `out` the bytes `data[from..to]` deflated, ending on a byte boundary. Repeats
    /// may reach back to `data[from - stride]`: the decoder must have produced `data[..from]`
    /// before this segment.
    pub fn deflate(&self, data: &[u8], from: usize, to: usize, out: &mut Vec<u8>) {
        let mut bits = Bits {
            out,
            gathered: 0,
            count: 0,
        };
        let codes = match &self.trained {
            Some((header, codes)) if to.saturating_sub(from) >= TRAINED_FROM => {
                // A block with dynamic codes, not the last: its code tables, then the data.
                bits.put(Code {
                    bits: 0b100,
                    len: 3,
                });
                for &code in header {
                    bits.put(code);
                }
                codes
            }
            _ => {
                // A block with fixed codes, not the last.
                bits.put(Code {
                    bits: 0b010,
                    len: 3,
                });
                &self.fixed
            }
        };
        for token in self.tokens(data, from, to) {
            match token {
                Token::Literal(byte) => bits.put(
                    codes
                        .literals
                        .get(usize::from(byte))
                        .copied()
                        .unwrap_or_default(),
                ),
                Token::Repeat { length, up } => {
                    bits.put(codes.lengths.get(length).copied().unwrap_or_default());
                    bits.put(if up { codes.up } else { codes.previous });
                }
            }
        }
        bits.put(codes.end);
        finish_segment(bits);
    }

    /// What the coder writes for `data[from..to]`, in order (see [`Tokens`]). Repeats may reach
    /// back before `from`.
    fn tokens<'a>(&'a self, data: &'a [u8], from: usize, to: usize) -> Tokens<'a> {
        let to = to.min(data.len());
        Tokens {
            data,
            stride: self.stride,
            at: from.min(to),
            to,
        }
    }

    /// The coder with Huffman codes made from how often each symbol occurs in `sample` (rows
    /// like those it will code), every symbol counted once more so that each has a code. An
    /// empty sample leaves the fixed codes.
    pub fn trained(mut self, sample: &[u8]) -> RowCoder {
        if sample.is_empty() {
            return self;
        }
        let mut counts = self.counts(sample);
        for n in counts.literals.iter_mut() {
            *n += 1;
        }
        for symbol in [0, self.up_symbol] {
            count(&mut counts.distances, symbol);
        }
        self.trained = self.dynamic_codes(&counts);
        self
    }

    /// How often each symbol occurs when `data` is coded: its repeats and literals as
    /// [`RowCoder::deflate`] finds them.
    fn counts(&self, data: &[u8]) -> Counts {
        let mut counts = Counts {
            literals: [0; LITERALS],
            distances: [0; DISTANCES],
        };
        for token in self.tokens(data, 0, data.len()) {
            match token {
                Token::Literal(byte) => count(&mut counts.literals, usize::from(byte)),
                Token::Repeat { length, up } => {
                    let symbol = self.length_symbols.get(length).map_or(0, |s| s.0);
                    count(&mut counts.literals, usize::from(symbol));
                    count(&mut counts.distances, if up { self.up_symbol } else { 0 });
                }
            }
        }
        count(&mut counts.literals, END);
        counts
    }

    /// Codes made for symbols occurring `counts` times and the block header that states them,
    /// or `None` when the fixed codes write them in fewer bits.
    fn dynamic_codes(&self, counts: &Counts) -> Option<(Vec<Code>, Codes)> {
        let literal_lengths = code_lengths(&counts.literals, 15);
        let distance_lengths = code_lengths(&counts.distances, 15);
        // Trailing unused symbols are left out of the tables (at least 257 and 1 stay).
        let listed = |lengths: &[u8], least: usize| {
            lengths
                .iter()
                .rposition(|&l| l > 0)
                .map_or(least, |i| (i + 1).max(least))
        };
        let literals_listed = listed(&literal_lengths, 257);
        let distances_listed = listed(&distance_lengths, 1);
        let mut all = literal_lengths
            .get(..literals_listed)
            .unwrap_or_default()
            .to_vec();
        all.extend_from_slice(distance_lengths.get(..distances_listed).unwrap_or_default());
        let listing = run_length_lengths(&all);
        let mut listing_counts = [0u32; 19];
        for &(symbol, _) in &listing {
            count(&mut listing_counts, usize::from(symbol));
        }
        let listing_lengths = code_lengths(&listing_counts, 7);
        let listing_codes = canonical_codes(&listing_lengths);
        let order_listed = CODE_LENGTH_ORDER
            .iter()
            .rposition(|&s| listing_lengths.get(s).is_some_and(|&l| l > 0))
            .map_or(4, |i| (i + 1).max(4));
        let mut header = vec![
            Code {
                bits: (literals_listed - 257) as u32,
                len: 5,
            },
            Code {
                bits: (distances_listed - 1) as u32,
                len: 5,
            },
            Code {
                bits: (order_listed - 4) as u32,
                len: 4,
            },
        ];
        for &symbol in CODE_LENGTH_ORDER.get(..order_listed).unwrap_or_default() {
            let length = listing_lengths.get(symbol).copied().unwrap_or(0);
            header.push(Code {
                bits: u32::from(length),
                len: 3,
            });
        }
        for &(symbol, value) in &listing {
            let extra = match symbol {
                16 => 2,
                17 => 3,
                18 => 7,
                _ => 0,
            };
            let code = listing_codes
                .get(usize::from(symbol))
                .copied()
                .unwrap_or_default();
            header.push(code.then(value, extra));
        }
        // The bits each way; extra bits are the same in both and left out.
        let weighed = |counts: &[u32], length: &dyn Fn(usize) -> u32| -> u64 {
            counts
                .iter()
                .enumerate()
                .map(|(symbol, &n)| u64::from(n) * u64::from(length(symbol)))
                .sum()
        };
        let length_of =
            |lengths: &[u8], symbol: usize| u32::from(lengths.get(symbol).copied().unwrap_or(0));
        let dynamic_bits = header.iter().map(|c| u64::from(c.len)).sum::<u64>()
            + weighed(&counts.literals, &|s| length_of(&literal_lengths, s))
            + weighed(&counts.distances, &|s| length_of(&distance_lengths, s));
        let fixed_bits = weighed(&counts.literals, &|s| fixed_symbol(s as u32).len)
            + weighed(&counts.distances, &|_| 5);
        if dynamic_bits >= fixed_bits {
            return None;
        }
        let (literals, distances) = (
            canonical_codes(&literal_lengths),
            canonical_codes(&distance_lengths),
        );
        let code = |codes: &[Code], symbol: usize| codes.get(symbol).copied().unwrap_or_default();
        let codes = Codes::new(
            self,
            |symbol| code(&literals, symbol),
            |symbol| code(&distances, symbol),
        );
        Some((header, codes))
    }
}

/// Adds one to the count of `symbol`.
fn count(counts: &mut [u32], symbol: usize) {
    if let Some(n) = counts.get_mut(symbol) {
        *n += 1;
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
        round_trip_with(&RowCoder::new(stride), data, segments)
    }

    /// Rows like a card's text: a flat background with letters of a few grey levels, drawn
    /// from the random numbers of `seed`.
    fn text_rows(stride: usize, rows: usize, seed: u32) -> Vec<u8> {
        let mut state = seed;
        let mut data = Vec::new();
        for y in 0..rows {
            for x in 0..stride {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let letter = (x / 9) % 3 != 0 && (4..14).contains(&(y % 18));
                data.push(if letter && (state >> 28) < 6 {
                    [0x11, 0x1F, 0xF1, 0xFF, 0x8F][(state >> 16) as usize % 5]
                } else {
                    0x00
                });
            }
        }
        data
    }

    /// The block type (BTYPE) of the first block of deflated bytes.
    fn block_type(deflated: &[u8]) -> u8 {
        (deflated[0] >> 1) & 0b11
    }

    /// `segments` of `data` deflated by `coder` one after another, then inflated.
    fn round_trip_with(coder: &RowCoder, data: &[u8], segments: &[(usize, usize)]) -> Vec<u8> {
        let mut stream = Vec::new();
        for &(from, to) in segments {
            coder.deflate(data, from, to, &mut stream);
        }
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
    fn rows_like_the_sample_are_coded_with_its_codes_smaller_than_the_fixed_codes() {
        let stride = 601;
        // The sample and the rows coded are alike but not the same.
        let sample = text_rows(stride, 32, 3);
        let data = text_rows(stride, 48, 11);
        let fixed = RowCoder::new(stride);
        let trained = RowCoder::new(stride).trained(&sample);
        let (mut with_fixed, mut with_trained) = (Vec::new(), Vec::new());
        fixed.deflate(&data, 0, data.len(), &mut with_fixed);
        trained.deflate(&data, 0, data.len(), &mut with_trained);
        assert_eq!(block_type(&with_fixed), 1, "a block with fixed codes");
        assert_eq!(
            block_type(&with_trained),
            2,
            "a block with codes of its own"
        );
        assert!(
            with_trained.len() * 10 < with_fixed.len() * 9,
            "{} against {} bytes",
            with_trained.len(),
            with_fixed.len()
        );
        // Bytes the sample never had still have a code.
        let mut odd = data.clone();
        for (i, byte) in odd.iter_mut().enumerate().skip(stride * 5).take(3000) {
            *byte = (i * 37 % 251) as u8;
        }
        for data in [&data, &odd] {
            let whole = [(0, data.len())];
            assert_eq!(&round_trip_with(&trained, data, &whole), data);
            // A few bytes cost less with the fixed codes than the table of codes would.
            let mut short = Vec::new();
            trained.deflate(data, 700, 712, &mut short);
            assert_eq!(block_type(&short), 1);
            let parts = [(0, 700), (700, 712), (712, 5000), (5000, data.len())];
            assert_eq!(&round_trip_with(&trained, data, &parts), data);
        }
    }

    #[test]
    fn codes_are_complete_and_no_longer_than_deflate_allows() {
        // Counts growing like Fibonacci numbers give a Huffman code as deep as there are
        // symbols: 30 symbols would need codes of 29 bits.
        let mut counts = vec![1u32, 1];
        while counts.len() < 30 {
            let next = counts[counts.len() - 1] + counts[counts.len() - 2];
            counts.push(next);
        }
        counts.extend([0; 256]);
        for (limit, counts) in [(15, &counts[..]), (7, &counts[..19]), (15, &[0, 5, 0][..])] {
            let lengths = code_lengths(counts, limit);
            assert!(lengths.iter().all(|&l| l <= limit), "{lengths:?}");
            // Every used symbol has a code, and the code is complete: Kraft's sum is one.
            for (&count, &length) in counts.iter().zip(&lengths) {
                assert!(count == 0 || length > 0);
            }
            let kraft: f64 = lengths
                .iter()
                .filter(|&&l| l > 0)
                .map(|&l| 0.5f64.powi(i32::from(l)))
                .sum();
            assert_eq!(kraft, 1.0, "{lengths:?}");
            // Canonical codes of these lengths are distinct prefixes.
            let codes = canonical_codes(&lengths);
            let mut seen: Vec<(u32, u32)> = codes
                .iter()
                .filter(|c| c.len > 0)
                .map(|c| (c.bits, c.len))
                .collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), lengths.iter().filter(|&&l| l > 0).count());
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any rows, any row length, trained or fixed codes, any cut into segments: deflated here
        /// and inflated by a second implementation (`flate2`), they come back exactly. The
        /// fuzz target `row_deflate` runs the same check on libFuzzer's inputs.
        #[test]
        fn any_rows_inflate_to_themselves(
            stride in 0u8..=255,
            train in 0u8..2,
            cuts in 0u8..7,
            rows in proptest::collection::vec(
                proptest::prelude::prop_oneof![
                    proptest::prelude::Just(0u8),
                    proptest::prelude::Just(0x11u8),
                    proptest::prelude::Just(0xFFu8),
                    proptest::prelude::any::<u8>()
                ],
                0..4096,
            ),
        ) {
            let mut bytes = vec![stride, train, cuts];
            bytes.extend(rows);
            crate::fuzzing::row_deflate(&bytes);
        }
    }
}
