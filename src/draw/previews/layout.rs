//! Where everything on a share card goes: its text, set in lines, wrapped and clipped, at a
//! place, size and colour, with the seal and for right-to-left languages the mirror image. Pure:
//! [`super::PreviewRenderer`] draws what this lays out.

use super::{Ink, WIDTH};

/// What a preview card says.
#[derive(Debug, Clone)]
pub struct Card {
    /// Small line at the top: the site's name.
    pub kicker: String,
    /// The big name: a company or an edition.
    pub headline: String,
    /// Under the headline: the sector, or the edition's date.
    pub subline: String,
    /// Key figures at the bottom, label and value ("Rank", "3").
    pub figures: Vec<(String, String)>,
    /// Lines listed on the right (an edition's top three), may be empty.
    pub list: Vec<String>,
    /// The award, shown as a seal when present ("Sector winner", "2026").
    pub award: Option<(String, String)>,
    /// The card's language is written right to left: the card is laid out as its mirror image.
    pub right_to_left: bool,
}

/// Splits `text` into at most `max_lines` lines of about `width` columns (a Chinese or Japanese
/// character takes two), breaking where a line may break. Text is clipped before it is wrapped
/// and each line after: however long a name is, the card draws a bounded amount of text.
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    use crate::model::text::clip;
    let mut lines = crate::model::text::wrap(&clip(text, width * (max_lines + 1)), width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
        .into_iter()
        .map(|line| clip(&line, width + 1))
        .collect()
}

/// A line of text on a card.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    /// Where the line starts, has its middle, or ends, as `anchor` says.
    pub(super) x: f32,
    pub(super) baseline: f32,
    pub(super) size: f32,
    pub(super) bold: bool,
    pub(super) ink: Ink,
    pub(super) anchor: Anchor,
    /// The widest the line may be: a longer one is set smaller until it fits.
    pub(super) room: f32,
}

/// Which point of a line of text its `x` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

/// Where everything on a card goes: the text every card of the kind shares (drawn into the
/// base) and the card's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub(super) seal: bool,
    /// Laid out for a right-to-left language: the text on the right, the seal on the left.
    pub(super) mirrored: bool,
    pub(super) fixed: Vec<Text>,
    pub varying: Vec<Text>,
}

impl Layout {
    /// Every line of text the card draws (the tests measure them).
    #[cfg(any(test, feature = "internals"))]
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.fixed.iter().chain(&self.varying)
    }
}

/// The text of a made-up card laid out like a real one on the base of `layout` (with or without
/// a seal, mirrored or not): what the card's own text looks like to the coder, so that its codes
/// can be made before any card is drawn, the same whichever card comes first.
pub fn sample(layout: &Layout) -> Vec<Text> {
    let card = Card {
        kicker: String::new(),
        headline: "Sample Company Name".into(),
        subline: "Sample sector of the ranking".into(),
        figures: ["1234", "56.7", "2026"]
            .map(|value| (String::new(), value.to_string()))
            .to_vec(),
        list: Vec::new(),
        award: layout.seal.then(|| (String::new(), String::new())),
        right_to_left: layout.mirrored,
    };
    self::layout(&card).varying
}

/// Where each part of `card` goes. Text is clipped before it is placed: however long a name is,
/// the card draws a bounded amount of text.
pub fn layout(card: &Card) -> Layout {
    use crate::model::text::clip;
    // Text left of the seal ends before it; a figure ends before the next one's column.
    let room = if card.award.is_some() { 760 } else { 1072 };
    let text = |text: String, x: i32, baseline: i32, size: u8, bold: bool, ink: Ink| Text {
        text,
        x: x as f32,
        baseline: baseline as f32,
        size: f32::from(size),
        bold,
        ink,
        anchor: Anchor::Start,
        room: room as f32,
    };
    let mut fixed = vec![Text {
        room: 1072.0,
        ..text(clip(&card.kicker, 60), 64, 92, 30, false, Ink::White)
    }];
    let mut varying = Vec::new();
    let text_width = if card.award.is_none() { 30 } else { 20 };
    let headline = wrap(&card.headline, text_width, 2);
    let size = if headline.len() > 1 { 58 } else { 68 };
    let mut y: i32 = 200;
    for line in headline {
        varying.push(text(line, 64, y, size, true, Ink::White));
        y += i32::from(size) + 12;
    }
    varying.push(text(
        clip(&card.subline, 50),
        64,
        y + 10,
        34,
        false,
        Ink::Subline,
    ));
    let mut x = 64;
    for (label, value) in &card.figures {
        fixed.push(Text {
            room: 276.0,
            ..text(clip(label, 20), x, 500, 26, false, Ink::Label)
        });
        varying.push(Text {
            room: 276.0,
            ..text(clip(value, 9), x, 568, 60, true, Ink::White)
        });
        x += 300;
    }
    // A list (an edition's top three) sits between the headline and the figures.
    for (index, line) in card.list.iter().take(3).enumerate() {
        varying.push(text(
            wrap(line, 60, 1).join(" "),
            64,
            y + 70 + 42 * index as i32,
            30,
            false,
            Ink::White,
        ));
    }
    if let Some((award, year)) = &card.award {
        for (index, line) in wrap(award, 14, 2).into_iter().enumerate() {
            fixed.push(Text {
                anchor: Anchor::Middle,
                room: 250.0,
                ..text(line, 990, 280 + 38 * index as i32, 30, true, Ink::White)
            });
        }
        fixed.push(Text {
            anchor: Anchor::Middle,
            room: 250.0,
            ..text(clip(year, 9), 990, 380, 44, true, Ink::Gold)
        });
    }
    let mut layout = Layout {
        seal: card.award.is_some(),
        mirrored: false,
        fixed,
        varying,
    };
    if card.right_to_left {
        // The mirror image: a line that started at x now ends at the same distance from the
        // right edge.
        layout.mirrored = true;
        for text in layout.fixed.iter_mut().chain(layout.varying.iter_mut()) {
            text.x = WIDTH as f32 - text.x;
            text.anchor = match text.anchor {
                Anchor::Start => Anchor::End,
                Anchor::Middle => Anchor::Middle,
                Anchor::End => Anchor::Start,
            };
        }
    }
    layout
}
