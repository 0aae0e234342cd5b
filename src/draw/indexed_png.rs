//! 4-bit indexed PNGs for pictures that share most of their rows: share cards differ from
//! their background only in the rows of their text. The shared picture is compressed once, in
//! bands of rows that each end on a deflate full flush (so each band stands alone); a card then
//! compresses only its bands that differ and copies the others. Adler-32 checksums of bands are
//! combined, not recomputed. The result is an ordinary PNG any decoder reads.
//!
//! A picture's changed bands are compressed first by [`RowCoder`], which looks for repeats of
//! the row above and runs only, and writes them with Huffman codes made once per base from a
//! sample of rows like the pictures' (text over a flat background is little else): it takes
//! less time per card than zlib-rs's fastest level, with cards a fifth smaller. A picture that
//! comes out larger than [`SMALL_ENOUGH`] that way is compressed again by zlib-rs (flate2's
//! backend, called directly to choose its strategy), looking for runs only, so no picture
//! grows past what that gives.

use std::cell::RefCell;

use crate::draw::row_deflate::RowCoder;
use zlib_rs::{Deflate, DeflateConfig, DeflateFlush, Strategy};

/// Rows per band: small enough that a line of text dirties little besides itself.
pub const BAND: usize = 16;

/// Bands of the shared picture are compressed once, as small as deflate makes them.
fn shared_compressor() -> Deflate {
    Deflate::new_with_config(DeflateConfig {
        level: 9,
        window_bits: -15,
        ..DeflateConfig::default()
    })
}

/// A picture's size in bytes up to which the fast compression is kept.
pub const SMALL_ENOUGH: usize = 20_000;

/// A picture larger than [`SMALL_ENOUGH`] again, looking for runs only, with codes of its own.
fn runs_compressor() -> Deflate {
    Deflate::new_with_config(DeflateConfig {
        level: 6,
        window_bits: -15,
        strategy: Strategy::Rle,
        mem_level: 9,
        ..DeflateConfig::default()
    })
}

/// Deflated bytes of some rows (each a filter byte and its packed pixels), ending on a full
/// flush, with the Adler-32 and length of those rows.
#[derive(Debug, Clone)]
struct Segment {
    bytes: Vec<u8>,
    adler: u32,
    len: u64,
}

/// A picture of at most 16 colours as PNG stores it: each row a filter byte ("none": indices
/// compress best unfiltered) and two pixels a byte, the left one in the high half.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub width: usize,
    pub height: usize,
    bytes: Vec<u8>,
}

impl Rows {
    /// `width` × `height` pixels of palette index 0.
    pub fn new(width: usize, height: usize) -> Rows {
        Rows {
            width,
            height,
            bytes: vec![0; height * Rows::stride_of(width)],
        }
    }

    fn stride_of(width: usize) -> usize {
        width.div_ceil(2) + 1
    }

    fn stride(&self) -> usize {
        Rows::stride_of(self.width)
    }

    fn byte(&self, x: usize, y: usize) -> Option<usize> {
        (x < self.width && y < self.height).then(|| y * self.stride() + 1 + x / 2)
    }

    /// The palette index of a pixel; 0 outside the picture.
    #[cfg(test)]
    pub fn get(&self, x: usize, y: usize) -> u8 {
        let Some(&byte) = self.byte(x, y).and_then(|at| self.bytes.get(at)) else {
            return 0;
        };
        if x.is_multiple_of(2) {
            byte >> 4
        } else {
            byte & 15
        }
    }

    /// Sets a pixel to palette index `index` (below 16); nothing outside the picture.
    pub fn set(&mut self, x: usize, y: usize, index: u8) {
        let at = self.byte(x, y);
        let Some(byte) = at.and_then(|at| self.bytes.get_mut(at)) else {
            return;
        };
        *byte = if x.is_multiple_of(2) {
            (*byte & 0x0f) | (index << 4)
        } else {
            (*byte & 0xf0) | (index & 15)
        };
    }

    /// Repaints the pixels from (`x`, `y`) rightwards, one for each value of `along`: each
    /// becomes `paint(its index, the value)`. Pixels outside the picture are left out. Returns
    /// whether any pixel was painted.
    pub fn paint<T: Copy>(
        &mut self,
        x: i64,
        y: i64,
        along: &[T],
        paint: impl Fn(u8, T) -> u8,
    ) -> bool {
        let (Ok(y), stride) = (usize::try_from(y), self.stride()) else {
            return false;
        };
        if y >= self.height {
            return false;
        }
        // The part of the run on the picture.
        let skip = usize::try_from(-x).unwrap_or(0);
        let first = usize::try_from(x).unwrap_or(0);
        let Some(along) = along.get(skip..) else {
            return false;
        };
        let count = along.len().min(self.width.saturating_sub(first));
        let (Some(along), Some(row)) = (
            along.get(..count),
            self.bytes.get_mut(y * stride + 1..(y + 1) * stride),
        ) else {
            return false;
        };
        let Some(mut bytes) = row.get_mut(first / 2..(first + count).div_ceil(2)) else {
            return false;
        };
        let mut along = along;
        // A first pixel in the low half of its byte, then whole bytes, then a last high half.
        if first % 2 == 1
            && let (Some((&value, rest)), Some((byte, bytes_rest))) = (
                along.split_first(),
                std::mem::take(&mut bytes).split_first_mut(),
            )
        {
            *byte = (*byte & 0xf0) | (paint(*byte & 15, value) & 15);
            along = rest;
            bytes = bytes_rest;
        }
        let (pairs, last) = along.as_chunks::<2>();
        for (&[high, low], byte) in pairs.iter().zip(bytes.iter_mut()) {
            *byte = (paint(*byte >> 4, high) << 4) | (paint(*byte & 15, low) & 15);
        }
        if let ([value], Some(byte)) = (last, bytes.get_mut(pairs.len())) {
            *byte = (*byte & 0x0f) | (paint(*byte >> 4, *value) << 4);
        }
        count > 0
    }

    /// Where rows `rows` are stored, as a range of bytes.
    fn span(&self, rows: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let stride = self.stride();
        rows.start * stride..(rows.end * stride).min(self.bytes.len())
    }

    /// Rows `rows` as they are stored.
    pub fn raw(&self, rows: std::ops::Range<usize>) -> &[u8] {
        self.bytes.get(self.span(rows)).unwrap_or_default()
    }

    /// Copies row `y` from `other`, a picture of the same size.
    pub fn copy_row(&mut self, other: &Rows, y: usize) {
        let stride = self.stride();
        let span = y * stride..(y + 1) * stride;
        if let (Some(to), Some(from)) = (self.bytes.get_mut(span.clone()), other.bytes.get(span)) {
            to.copy_from_slice(from);
        }
    }
}

/// The picture that every picture of a kind starts from, and its bands compressed.
#[derive(Debug)]
pub struct Base {
    pub rows: Rows,
    bands: Vec<Segment>,
    coder: RowCoder,
}

impl Base {
    /// The base `rows`, its pictures' changed bands coded with codes made from `sample`: rows
    /// like those the pictures will change (empty: deflate's fixed codes).
    pub fn new(rows: Rows, sample: &[u8]) -> Result<Base, String> {
        let mut compressor = shared_compressor();
        let bands = (0..rows.height.div_ceil(BAND))
            .map(|band| segment(&mut compressor, rows.raw(band * BAND..(band + 1) * BAND)))
            .collect::<Result<_, _>>()?;
        Ok(Base {
            coder: RowCoder::new(rows.stride()).trained(sample),
            rows,
            bands,
        })
    }
}

/// `image` as a PNG: a picture the size of `base` that differs from it only in the rows
/// `changed` marks (one flag a row). `palette`: RGB triples, at most 16.
pub fn encode(
    palette: &[u8],
    base: &Base,
    image: &Rows,
    changed: &[bool],
) -> Result<Vec<u8>, String> {
    thread_local! {
        static RUNS: RefCell<Deflate> = RefCell::new(runs_compressor());
    }
    if (image.width, image.height) != (base.rows.width, base.rows.height) {
        return Err("a picture of another size than its base".to_string());
    }
    let png = encode_with(
        &mut Compression::Rows(&base.coder),
        palette,
        base,
        image,
        changed,
    )?;
    if png.len() <= SMALL_ENOUGH {
        return Ok(png);
    }
    RUNS.with_borrow_mut(|runs| {
        encode_with(
            &mut Compression::Deflate(runs),
            palette,
            base,
            image,
            changed,
        )
    })
}

/// How the bands that differ from the base are compressed.
enum Compression<'a> {
    /// Repeats of the row above and runs, coded fast.
    Rows(&'a RowCoder),
    /// By zlib-rs.
    Deflate(&'a mut Deflate),
}

impl Compression<'_> {
    /// Appends rows `rows` of `image` compressed, ending on a byte boundary.
    fn rows(
        &mut self,
        image: &Rows,
        rows: std::ops::Range<usize>,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        match self {
            Compression::Rows(coder) => {
                let span = image.span(rows);
                coder.deflate(&image.bytes, span.start, span.end, out);
                Ok(())
            }
            Compression::Deflate(compressor) => deflate_into(compressor, image.raw(rows), out),
        }
    }
}

/// [`encode`] with the changed bands compressed by `compression`.
fn encode_with(
    compression: &mut Compression,
    palette: &[u8],
    base: &Base,
    image: &Rows,
    changed: &[bool],
) -> Result<Vec<u8>, String> {
    let band_changed = |band: usize| {
        changed
            .get(band * BAND..((band + 1) * BAND).min(changed.len()))
            .is_some_and(|rows| rows.iter().any(|&c| c))
    };
    // zlib's header (deflate, 32 KB window, default level), then the bands.
    let mut stream = vec![0x78, 0x9c];
    let mut adler = 1u32;
    let mut band = 0;
    while let Some(shared) = base.bands.get(band) {
        if !band_changed(band) {
            stream.extend_from_slice(&shared.bytes);
            adler = zlib_rs::adler32::adler32_combine(adler, shared.adler, shared.len);
            band += 1;
            continue;
        }
        // A run of changed bands is one segment: deflate finds more repeats in it.
        let end = (band..base.bands.len())
            .find(|&b| !band_changed(b))
            .unwrap_or(base.bands.len());
        compression.rows(image, band * BAND..end * BAND, &mut stream)?;
        let raw = image.raw(band * BAND..end * BAND);
        adler = zlib_rs::adler32::adler32_combine(
            adler,
            zlib_rs::adler32::adler32(1, raw),
            raw.len() as u64,
        );
        band = end;
    }
    // An empty final block (fixed Huffman codes, end of block at once), then the checksum.
    stream.extend_from_slice(&[0x03, 0x00]);
    stream.extend_from_slice(&adler.to_be_bytes());

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&(image.width as u32).to_be_bytes());
    header.extend_from_slice(&(image.height as u32).to_be_bytes());
    // Bit depth 4, colour type 3 (indexed), deflate, adaptive filters (each row says "none"),
    // not interlaced.
    header.extend_from_slice(&[4, 3, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"PLTE", palette);
    chunk(&mut png, b"IDAT", &stream);
    chunk(&mut png, b"IEND", &[]);
    Ok(png)
}

/// `raw` deflated to a full flush, as a segment of its own.
fn segment(compressor: &mut Deflate, raw: &[u8]) -> Result<Segment, String> {
    let mut bytes = Vec::new();
    deflate_into(compressor, raw, &mut bytes)?;
    Ok(Segment {
        bytes,
        adler: zlib_rs::adler32::adler32(1, raw),
        len: raw.len() as u64,
    })
}

/// Appends `raw` deflated to a full flush to `out`: a stream of its own that the next one can
/// follow. A full flush leaves the compressor without history, as new, so it is not reset
/// between segments (a reset would clear its 128 KB hash table a second time).
fn deflate_into(compressor: &mut Deflate, raw: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    let (in_before, out_before, start) = (compressor.total_in(), compressor.total_out(), out.len());
    // How much of `raw` went in, and where the compressed bytes end in `out`, so far.
    let consumed = |c: &Deflate| (c.total_in() - in_before) as usize;
    let written = |c: &Deflate| start + (c.total_out() - out_before) as usize;
    out.resize(start + raw.len() / 2 + 1024, 0);
    loop {
        let end = written(compressor);
        let (Some(rest), Some(free)) = (raw.get(consumed(compressor)..), out.get_mut(end..)) else {
            compressor.reset();
            return Err("deflate went past its buffers".to_string());
        };
        let room = free.len();
        if let Err(error) = compressor.compress(rest, free, DeflateFlush::FullFlush) {
            compressor.reset();
            return Err(error.as_str().to_string());
        }
        // Done when every byte went in and the flush had room to finish.
        if consumed(compressor) == raw.len() && written(compressor) - end < room {
            break;
        }
        out.resize(out.len() * 2, 0);
    }
    out.truncate(written(compressor));
    Ok(())
}

/// Appends a PNG chunk: length, type, data, and the CRC of type and data.
fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = zlib_rs::crc32::crc32(zlib_rs::crc32::crc32(0, kind), data);
    png.extend_from_slice(&crc.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a 4-bit PNG with the `png` crate into one index a pixel.
    fn decode(png: &[u8]) -> (png::OutputInfo, Vec<u8>, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let palette = reader.info().palette.as_ref().unwrap().to_vec();
        let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buffer).unwrap();
        let mut indices = Vec::new();
        for row in buffer.chunks(info.line_size) {
            for x in 0..info.width as usize {
                let byte = row[x / 2];
                indices.push(if x.is_multiple_of(2) {
                    byte >> 4
                } else {
                    byte & 15
                });
            }
        }
        (info, palette, indices)
    }

    #[test]
    fn a_picture_with_changed_bands_decodes_to_every_pixel() {
        // An odd width and a height that is not a whole number of bands.
        let (width, height) = (37, 5 * BAND + 3);
        let mut rows = Rows::new(width, height);
        for y in 0..height {
            for x in 0..width {
                rows.set(x, y, (y % 3) as u8);
            }
        }
        let base = Base::new(rows, &[]).unwrap();
        let palette: Vec<u8> = (0..16u8).flat_map(|i| [i * 16, 255 - i * 16, i]).collect();
        let mut image = base.rows.clone();
        let mut changed = vec![false; height];
        // Changes in the first band, two bands in a row, and the last, short band.
        for y in [1, 2 * BAND + 3, 3 * BAND, 5 * BAND + 2] {
            changed[y] = true;
            for x in 0..width {
                image.set(x, y, ((x * y) % 16) as u8);
            }
        }
        let expected: Vec<u8> = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .map(|(x, y)| image.get(x, y))
            .collect();
        assert_eq!(expected[2 * width + 5], 2, "set and get agree");
        let png = encode(&palette, &base, &image, &changed).unwrap();
        let (info, decoded_palette, decoded) = decode(&png);
        assert_eq!((info.width, info.height), (width as u32, height as u32));
        assert_eq!(info.bit_depth, png::BitDepth::Four);
        assert_eq!(info.color_type, png::ColorType::Indexed);
        assert_eq!(decoded_palette, palette);
        assert_eq!(decoded, expected);
        // Unchanged, it is the base; and rows copied back from the base are the base again.
        let plain = encode(&palette, &base, &base.rows, &vec![false; height]).unwrap();
        let plain = decode(&plain).2;
        assert!(
            plain
                .iter()
                .enumerate()
                .all(|(i, &p)| p == ((i / width) % 3) as u8)
        );
        for y in 0..height {
            image.copy_row(&base.rows, y);
        }
        assert_eq!(image, base.rows);
    }

    #[test]
    fn a_picture_too_large_compressed_fast_is_compressed_again_smaller() {
        // Text-like noise over many rows: fixed codes spend a byte on each literal.
        let (width, height) = (1200, 40 * BAND);
        let base = Base::new(Rows::new(width, height), &[]).unwrap();
        let palette: Vec<u8> = (0..16u8).flat_map(|i| [i * 16, 255 - i * 16, i]).collect();
        let mut image = base.rows.clone();
        let mut state = 1u32;
        for y in 0..height {
            for x in 0..width {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                // Mostly runs, with a few colours scattered as anti-aliased edges are.
                let index = if (state >> 16).is_multiple_of(8) {
                    (state >> 20) % 4
                } else {
                    0
                };
                image.set(x, y, index as u8);
            }
        }
        let changed = vec![true; height];
        let fast = encode_with(
            &mut Compression::Rows(&base.coder),
            &palette,
            &base,
            &image,
            &changed,
        )
        .unwrap();
        let runs = encode_with(
            &mut Compression::Deflate(&mut runs_compressor()),
            &palette,
            &base,
            &image,
            &changed,
        )
        .unwrap();
        assert!(
            fast.len() > SMALL_ENOUGH && runs.len() < fast.len(),
            "{} {}",
            fast.len(),
            runs.len()
        );
        let png = encode(&palette, &base, &image, &changed).unwrap();
        assert_eq!(png, runs);
        let expected: Vec<u8> = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .map(|(x, y)| image.get(x, y))
            .collect();
        assert_eq!(decode(&png).2, expected);
        // A picture small enough compressed fast stays so.
        let mut small = base.rows.clone();
        small.set(3, 3, 1);
        let mut one = vec![false; height];
        one[3] = true;
        let png = encode(&palette, &base, &small, &one).unwrap();
        assert_eq!(
            png,
            encode_with(
                &mut Compression::Rows(&base.coder),
                &palette,
                &base,
                &small,
                &one
            )
            .unwrap()
        );
    }
}
