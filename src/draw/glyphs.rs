//! Text for the share cards, set without going through SVG: each line is split into its
//! bidirectional runs (Unicode's algorithm, so a Hebrew or Arabic name reads right to left),
//! each run is shaped with harfrust (HarfBuzz's rules: kerning, ligatures, Arabic joining), and
//! every glyph is drawn from a coverage mask rasterised once per glyph, size and quarter-pixel
//! position. A card's dozen lines of text then cost a few lookups and copies instead of a font
//! outline conversion and a path fill each.

use std::collections::hash_map::Entry;
use std::sync::{Arc, RwLock};

use resvg::tiny_skia;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, MetadataProvider, string::StringId};

/// A font of the theme, ready to shape with.
struct Face {
    data: Vec<u8>,
    index: u32,
    shaper: harfrust::ShaperData,
    units_per_em: f32,
    bold: bool,
    family: String,
}

impl Face {
    fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(&self.data, self.index).ok()
    }

    /// Whether the font has a glyph for every visible character of `text`.
    fn covers(&self, text: &str) -> bool {
        let Some(font) = self.font() else {
            return false;
        };
        let charmap = font.charmap();
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .all(|c| charmap.map(c).is_some())
    }

    /// Whether the font has a glyph for `c`.
    fn has(&self, c: char) -> bool {
        self.font()
            .is_some_and(|font| font.charmap().map(c).is_some())
    }
}

/// A glyph placed on a line: which one, and where its origin is, in pixels from the line's start
/// on the baseline (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    face: u16,
    glyph: u32,
    x: f32,
    y: f32,
}

/// A shaped line of text at one size.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    glyphs: Vec<Placed>,
    size: f32,
    /// The advance of the whole line, in pixels.
    pub width: f32,
}

/// How much of each pixel a glyph covers (0 to 255), kept as the runs of covered pixels of
/// each row (most of a glyph's box is empty).
#[derive(Debug, Default)]
struct Mask {
    spans: Vec<Span>,
    coverage: Vec<u8>,
}

/// Covered pixels in a row of a glyph: where they start, from the glyph's origin, and where
/// their coverage is in [`Mask::coverage`].
#[derive(Debug)]
struct Span {
    x: i32,
    y: i32,
    at: usize,
    len: usize,
}

/// Where a glyph's mask is kept: the glyph, its size in quarter pixels and its horizontal
/// position within a pixel in quarters.
type MaskKey = (u16, u32, u16, u8);

/// The theme's fonts with their shaping data and a cache of glyph masks shared by all threads.
pub struct Fonts {
    faces: Vec<Face>,
    /// Whether some face has each of the first `TABLED` code points: every character of every
    /// card's text is looked up.
    tabled: Vec<bool>,
    masks: RwLock<rustc_hash::FxHashMap<MaskKey, Arc<Mask>>>,
    /// Shaping plans (what the font's tables say to do for a script and direction), made once:
    /// making one costs more than shaping a name with it.
    plans: RwLock<rustc_hash::FxHashMap<PlanKey, Arc<harfrust::ShapePlan>>>,
}

/// What a shaping plan is made for: the face, the direction, the script and the language.
type PlanKey = (
    usize,
    harfrust::Direction,
    harfrust::Script,
    Option<harfrust::Language>,
);

/// Code points below this are looked up once, when the fonts are read (Latin, Greek, Cyrillic,
/// Armenian, Hebrew, Arabic).
const TABLED: u32 = 0x800;

/// Subpixel positions per pixel: a glyph is drawn at the nearest quarter pixel.
const PHASES: f32 = 4.0;

impl Fonts {
    /// Every face of the font files (a collection gives several). Files that are not fonts are
    /// left out; the theme reader has already said which files it took.
    pub fn new(files: &[Vec<u8>]) -> Fonts {
        let mut faces = Vec::new();
        for data in files {
            let count = skrifa::raw::FileRef::new(data)
                .map(|file| file.fonts().count())
                .unwrap_or(0);
            for index in 0..count as u32 {
                let Ok(font) = FontRef::from_index(data, index) else {
                    continue;
                };
                let metrics = font.metrics(Size::unscaled(), LocationRef::default());
                let family = font
                    .localized_strings(StringId::FAMILY_NAME)
                    .english_or_first()
                    .map(|name| name.to_string())
                    .unwrap_or_default();
                faces.push(Face {
                    shaper: harfrust::ShaperData::new(&font),
                    units_per_em: f32::from(metrics.units_per_em.max(1)),
                    bold: font.attributes().weight.value() >= 600.0,
                    family,
                    data: data.clone(),
                    index,
                });
            }
        }
        let tabled = (0..TABLED)
            .map(|code| char::from_u32(code).is_some_and(|c| faces.iter().any(|f| f.has(c))))
            .collect();
        Fonts {
            faces,
            tabled,
            masks: RwLock::new(rustc_hash::FxHashMap::default()),
            plans: RwLock::new(rustc_hash::FxHashMap::default()),
        }
    }

    /// How many faces the fonts have: with none a card has no text at all.
    pub fn faces(&self) -> usize {
        self.faces.len()
    }

    /// Whether no face has a glyph for `c`, a visible character: a card shows it as a box.
    pub fn lacks(&self, c: char) -> bool {
        if c.is_whitespace() || c.is_control() {
            return false;
        }
        match self.tabled.get(c as usize) {
            Some(&has) => !has,
            None => !self.faces.iter().any(|face| face.has(c)),
        }
    }

    /// The faces in the order a run looks for its glyphs: `family` in the weight asked for,
    /// then the other faces of that weight, then the rest.
    fn preference(&self, family: &str, bold: bool) -> Vec<usize> {
        let ranked = |face: &Face| {
            (
                face.family != family,
                face.bold != bold,
                face.family != family && face.bold == bold,
            )
        };
        let mut order: Vec<usize> = (0..self.faces.len()).collect();
        order.sort_by_key(|&i| self.faces.get(i).map(ranked));
        order
    }

    /// A run split into the parts each face draws: the whole run with the first face that has
    /// every character, else each character with the first face that has it (spaces and marks
    /// stay with the character before them, so that a word or a cluster is shaped as one), and
    /// a character no face has with the first face (it shows as a box).
    fn faces_for<'t>(&self, run: &'t str, family: &str, bold: bool) -> Vec<(usize, &'t str)> {
        let order = self.preference(family, bold);
        let Some(&first) = order.first() else {
            return Vec::new();
        };
        if let Some(&whole) = order
            .iter()
            .find(|&&i| self.faces.get(i).is_some_and(|face| face.covers(run)))
        {
            return vec![(whole, run)];
        }
        let has = |index: usize, c: char| self.faces.get(index).is_some_and(|face| face.has(c));
        let mut parts: Vec<(usize, &str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<usize> = None;
        for (at, c) in run.char_indices() {
            let follows = c.is_whitespace()
                || c.is_control()
                || c == '\u{200D}'
                || unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM;
            let face = match current {
                Some(face) if follows || has(face, c) => face,
                _ => order.iter().copied().find(|&i| has(i, c)).unwrap_or(first),
            };
            if current.is_some_and(|face_now| face_now != face) {
                if let (Some(face_now), Some(part)) = (current, run.get(start..at)) {
                    parts.push((face_now, part));
                }
                start = at;
            }
            current = Some(face);
        }
        if let (Some(face), Some(part)) = (current, run.get(start..)) {
            parts.push((face, part));
        }
        parts
    }

    /// `text` shaped at `size` pixels, its runs in visual order, left to right.
    pub fn shape(&self, text: &str, family: &str, size: f32, bold: bool) -> Line {
        let mut line = Line {
            glyphs: Vec::new(),
            size,
            width: 0.0,
        };
        // Each paragraph takes the direction of its first letter, as a browser does with `dir=auto`.
        let bidi = unicode_bidi::BidiInfo::new(text, None);
        for paragraph in &bidi.paragraphs {
            let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for run in runs {
                let Some(part) = text.get(run.clone()) else {
                    continue;
                };
                let right_to_left = levels.get(run.start).is_some_and(|level| level.is_rtl());
                self.shape_run(part, family, right_to_left, bold, &mut line);
            }
        }
        line
    }

    fn shape_run(&self, run: &str, family: &str, right_to_left: bool, bold: bool, line: &mut Line) {
        let mut parts = self.faces_for(run, family, bold);
        // The line is in visual order: a right-to-left run's parts go in from its end.
        if right_to_left {
            parts.reverse();
        }
        for (index, part) in parts {
            self.shape_part(index, part, right_to_left, line);
        }
    }

    fn shape_part(&self, index: usize, run: &str, right_to_left: bool, line: &mut Line) {
        let Some(face) = self.faces.get(index) else {
            return;
        };
        let Some(font) = face.font() else {
            return;
        };
        let shaper = face.shaper.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(run);
        buffer.set_direction(if right_to_left {
            harfrust::Direction::RightToLeft
        } else {
            harfrust::Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        let key = (
            index,
            buffer.direction(),
            buffer.script(),
            buffer.language(),
        );
        let plan = self.plan(key, &shaper);
        let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new().plan(plan.as_deref()));
        let scale = line.size / face.units_per_em;
        for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            line.glyphs.push(Placed {
                face: index as u16,
                glyph: info.glyph_id,
                x: line.width + position.x_offset as f32 * scale,
                y: -(position.y_offset as f32) * scale,
            });
            line.width += position.x_advance as f32 * scale;
        }
    }

    /// Draws `line` with its start at `x` and its baseline at `baseline`: `plot` is called for
    /// every run of covered pixels of every glyph with the run's first column, its row and the
    /// coverage (1 to 255) of its pixels. Pixels of neighbouring glyphs that touch are plotted
    /// once for each.
    pub fn draw(&self, line: &Line, x: f32, baseline: f32, mut plot: impl FnMut(i32, i32, &[u8])) {
        let size = (line.size * 4.0).round() as u16;
        for placed in &line.glyphs {
            let pen = x + placed.x;
            let mut column = pen.floor();
            let mut phase = ((pen - column) * PHASES).round() as u8;
            if f32::from(phase) >= PHASES {
                column += 1.0;
                phase = 0;
            }
            let row = (baseline + placed.y).round() as i32;
            let Some(mask) = self.mask((placed.face, placed.glyph, size, phase)) else {
                continue;
            };
            for span in &mask.spans {
                if let Some(coverage) = mask.coverage.get(span.at..span.at + span.len) {
                    plot(column as i32 + span.x, row + span.y, coverage);
                }
            }
        }
    }

    /// The shaping plan for `key`, made the first time it is asked for.
    fn plan(&self, key: PlanKey, shaper: &harfrust::Shaper) -> Option<Arc<harfrust::ShapePlan>> {
        if let Some(plan) = self.plans.read().ok()?.get(&key) {
            return Some(plan.clone());
        }
        let (_, direction, script, language) = &key;
        let plan = Arc::new(harfrust::ShapePlan::new(
            shaper,
            *direction,
            Some(*script),
            language.as_ref(),
            &[],
        ));
        Some(self.plans.write().ok()?.entry(key).or_insert(plan).clone())
    }

    /// The mask of a glyph, rasterised the first time it is asked for.
    fn mask(&self, key: MaskKey) -> Option<Arc<Mask>> {
        if let Some(mask) = self.masks.read().ok()?.get(&key) {
            return Some(mask.clone());
        }
        let mask = Arc::new(self.rasterise(key).unwrap_or_default());
        match self.masks.write().ok()?.entry(key) {
            // Another thread drew it meanwhile: the same mask, keep the first.
            Entry::Occupied(kept) => Some(kept.get().clone()),
            Entry::Vacant(slot) => Some(slot.insert(mask).clone()),
        }
    }

    fn rasterise(&self, (face, glyph, size, phase): MaskKey) -> Option<Mask> {
        let face = self.faces.get(usize::from(face))?;
        let font = face.font()?;
        let outline = font.outline_glyphs().get(glyph.into())?;
        let mut pen = PathPen {
            path: tiny_skia::PathBuilder::new(),
            dx: f32::from(phase) / PHASES,
        };
        outline
            .draw(
                DrawSettings::unhinted(Size::new(f32::from(size) / 4.0), LocationRef::default()),
                &mut pen,
            )
            .ok()?;
        let path = pen.path.finish()?;
        let bounds = path.bounds();
        let left = bounds.left().floor() as i32;
        let top = bounds.top().floor() as i32;
        let width = (bounds.right().ceil() as i32 - left).max(1) as u32;
        let height = (bounds.bottom().ceil() as i32 - top).max(1) as u32;
        let mut mask = tiny_skia::Mask::new(width, height)?;
        mask.fill_path(
            &path,
            tiny_skia::FillRule::Winding,
            true,
            tiny_skia::Transform::from_translate(-left as f32, -top as f32),
        );
        let mut runs = Mask::default();
        for (y, pixels) in mask.data().chunks(width as usize).enumerate() {
            let mut x = 0;
            while x < pixels.len() {
                let Some(start) = pixels.get(x..).and_then(|p| p.iter().position(|&c| c > 0))
                else {
                    break;
                };
                let from = x + start;
                let len = pixels
                    .get(from..)
                    .map_or(0, |p| p.iter().take_while(|&&c| c > 0).count());
                runs.spans.push(Span {
                    x: left + from as i32,
                    y: top + y as i32,
                    at: runs.coverage.len(),
                    len,
                });
                runs.coverage
                    .extend_from_slice(pixels.get(from..from + len).unwrap_or_default());
                x = from + len;
            }
        }
        Some(runs)
    }
}

/// Collects a glyph outline as a path in pixels, y downwards, shifted by the subpixel phase.
struct PathPen {
    path: tiny_skia::PathBuilder,
    dx: f32,
}

impl OutlinePen for PathPen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.path.move_to(x + self.dx, -y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.path.line_to(x + self.dx, -y);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.path.quad_to(cx0 + self.dx, -cy0, x + self.dx, -y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.path
            .cubic_to(cx0 + self.dx, -cy0, cx1 + self.dx, -cy1, x + self.dx, -y);
    }

    fn close(&mut self) {
        self.path.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn fonts() -> Fonts {
        Fonts::new(&[
            include_bytes!("../../themes/default/fonts/DejaVuSans.ttf").to_vec(),
            include_bytes!("../../themes/default/fonts/DejaVuSans-Bold.ttf").to_vec(),
        ])
    }

    fn ink(fonts: &Fonts, line: &Line) -> Vec<(i32, i32)> {
        let mut pixels = Vec::new();
        fonts.draw(line, 0.0, 50.0, |x, y, coverage| {
            for (dx, &c) in coverage.iter().enumerate() {
                if c > 0 {
                    pixels.push((x + dx as i32, y));
                }
            }
        });
        pixels
    }

    /// A line no one face has every character of takes each from a face that has it, instead of
    /// drawing boxes for what the first face lacks. DejaVu Sans has the mathematical sans-serif
    /// letters (𝖠, U+1D5A0) and only DejaVu Sans Bold their bold twins (𝗔, U+1D5D4); in a
    /// right-to-left line the parts go in from the end.
    #[test]
    fn a_character_the_first_face_lacks_comes_from_a_face_that_has_it() {
        let fonts = fonts();
        for text in ["Score 𝖠 𝗔…", "שלום 𝗔 עולם"] {
            let line = fonts.shape(text, "DejaVu Sans", 40.0, false);
            assert!(line.glyphs.iter().all(|g| g.glyph != 0), "{text}: {line:?}");
            let faces: BTreeSet<u16> = line.glyphs.iter().map(|g| g.face).collect();
            assert_eq!(faces.len(), 2, "{text}: {line:?}");
            // Left to right on the line, no glyph over another.
            assert!(
                line.glyphs.windows(2).all(|pair| pair[0].x < pair[1].x),
                "{line:?}"
            );
        }
    }

    #[test]
    fn kerning_and_weight_come_from_the_font() {
        let fonts = fonts();
        // DejaVu Sans kerns "AV": the pair is narrower than its letters apart.
        let pair = fonts.shape("AV", "DejaVu Sans", 60.0, false).width;
        let apart = fonts.shape("A", "DejaVu Sans", 60.0, false).width
            + fonts.shape("V", "DejaVu Sans", 60.0, false).width;
        assert!(pair < apart - 1.0, "{pair} vs {apart}");
        // Bold is the bold face: wider, and more ink.
        let regular = fonts.shape("Linde", "DejaVu Sans", 60.0, false);
        let bold = fonts.shape("Linde", "DejaVu Sans", 60.0, true);
        assert!(bold.width > regular.width);
        assert!(ink(&fonts, &bold).len() > ink(&fonts, &regular).len());
        // The same line draws the same pixels, from the cache the second time.
        assert_eq!(ink(&fonts, &regular), ink(&fonts, &regular));
    }

    #[test]
    fn right_to_left_text_is_set_right_to_left_and_joined() {
        let fonts = fonts();
        // Hebrew: the first letter (alef) is the rightmost glyph.
        let hebrew = fonts.shape("אב", "DejaVu Sans", 40.0, false);
        let alef = fonts.shape("א", "DejaVu Sans", 40.0, false);
        let first = hebrew.glyphs.first().map(|g| g.glyph);
        let last = hebrew.glyphs.last().map(|g| g.glyph);
        assert_eq!(last, alef.glyphs.first().map(|g| g.glyph));
        assert_ne!(first, last);
        // Arabic letters take their joined forms: beh between two letters is not beh alone.
        let alone = fonts.shape("ب", "DejaVu Sans", 40.0, false).glyphs[0].glyph;
        let joined = fonts.shape("ببب", "DejaVu Sans", 40.0, false);
        assert_ne!(joined.glyphs[1].glyph, alone);
        // A Latin number inside Hebrew keeps its own order: "12" still reads 1 then 2, and the
        // Hebrew text, which starts the line, is on the right.
        let mixed = fonts.shape("א 12", "DejaVu Sans", 40.0, false);
        let one = fonts.shape("1", "DejaVu Sans", 40.0, false).glyphs[0].glyph;
        let two = fonts.shape("2", "DejaVu Sans", 40.0, false).glyphs[0].glyph;
        let order: Vec<u32> = mixed.glyphs.iter().map(|g| g.glyph).collect();
        let at = |glyph| order.iter().position(|&g| g == glyph);
        assert!(at(one) < at(two), "{order:?}");
        assert_eq!(at(alef.glyphs[0].glyph), Some(order.len() - 1));
    }
}
