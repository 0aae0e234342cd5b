//! A publisher's brand (`brand:` in site.yaml): a primary and an accent colour, a logo and a
//! font, which reach the pages (through CSS custom properties), the charts' main series, the
//! seals and the share cards. A colour that would leave text or marks below the contrast WCAG
//! asks for is refused with a shade that passes; the dark scheme's variants are derived.

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::input::source::{DataPath, SourceFile};

/// A colour as red, green and blue.
pub type Rgb = [u8; 3];

/// The brand as the build uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Brand {
    /// Behind white text on seals and cards, and the main series of the charts, the header's
    /// rule and the page's accents in the light scheme.
    pub primary: Rgb,
    /// The seal's ring and rule, the card's stripe and second line: on the primary colour.
    pub accent: Rgb,
    /// The primary colour lightened until it keeps 4.5:1 against the dark scheme's surfaces:
    /// the dark scheme sets text on it (buttons) and it on the page.
    pub primary_dark: Rgb,
    /// A file of the site's `static/` folder, by its path there (`logo.svg`), shown before the
    /// site's title in every page's header.
    pub logo: Option<String>,
    /// The font family of every text of the pages, and the file under `static/` that has it.
    pub font: Option<Font>,
    /// The logo as the seals embed it, set when the build has read the file (`None` before,
    /// and for a logo the seals cannot show).
    pub seal_logo: Option<std::sync::Arc<SealLogo>>,
}

/// A logo embedded in a seal: a seal is shown through `<img>` on the winners' own sites, where
/// it can load nothing else, so the logo goes in as a data URI, drawn at `width` × `height`
/// units in the seal's top band.
#[derive(Debug, Clone, PartialEq)]
pub struct SealLogo {
    pub uri: String,
    pub width: f32,
    pub height: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Font {
    pub family: String,
    /// Path under `static/` (`fonts/Brand.woff2`): a `@font-face` is written for it.
    pub file: Option<String>,
}

/// The dark scheme's page background and surface (themes/default's style.css).
const DARK_SURFACES: [Rgb; 2] = [[0x12, 0x14, 0x17], [0x1c, 0x20, 0x26]];
const WHITE: Rgb = [0xff, 0xff, 0xff];
/// What text needs against its background (WCAG 2.2, 1.4.3); a colour that passes it also
/// passes the 3:1 marks need (1.4.11).
pub const TEXT_CONTRAST: f64 = 4.5;

/// The relative luminance of a colour (WCAG 2.2).
pub fn luminance(colour: Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour[0]) + 0.7152 * channel(colour[1]) + 0.0722 * channel(colour[2])
}

/// The contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `ink` laid over `ground` at `weight` parts of `total`, each channel rounded (the share
/// cards' palette mixes its shades the same way).
pub fn mix(ink: Rgb, ground: Rgb, weight: u16, total: u16) -> Rgb {
    let mut mixed = [0; 3];
    for ((out, a), b) in mixed.iter_mut().zip(ink).zip(ground) {
        let (a, b) = (u16::from(a), u16::from(b));
        *out = ((a * weight + b * (total - weight) + total / 2) / total) as u8;
    }
    mixed
}

/// The nearest shade of `colour` toward `toward` (black or white) that `passes`, in steps of
/// 2 %; `None` when not even `toward` itself passes.
fn nearest(colour: Rgb, toward: Rgb, passes: impl Fn(Rgb) -> bool) -> Option<Rgb> {
    (0..=50)
        .map(|step| mix(toward, colour, step * 2, 100))
        .find(|shade| passes(*shade))
}

/// `#RRGGBB`.
pub fn hex(colour: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", colour[0], colour[1], colour[2])
}

/// A colour written `#rrggbb` or `#rgb`.
fn parse_colour(text: &str) -> Option<Rgb> {
    let digits = text.trim().strip_prefix('#')?;
    let value = |pair: &str| u8::from_str_radix(pair, 16).ok();
    match digits.len() {
        6 if digits.is_ascii() => Some([
            value(&digits[0..2])?,
            value(&digits[2..4])?,
            value(&digits[4..6])?,
        ]),
        3 if digits.is_ascii() => {
            let mut out = [0; 3];
            for (slot, c) in out.iter_mut().zip(digits.chars()) {
                *slot = value(&format!("{c}{c}"))?;
            }
            Some(out)
        }
        _ => None,
    }
}

/// The default theme's brand: Okabe–Ito blue and orange on the seals and cards' navy.
impl Default for Brand {
    fn default() -> Self {
        Brand {
            primary: [0x0b, 0x3d, 0x6b],
            accent: [0xe6, 0x9f, 0x00],
            primary_dark: [0x56, 0xb4, 0xe9],
            logo: None,
            font: None,
            seal_logo: None,
        }
    }
}

const KEYS: [&str; 5] = ["primary", "accent", "logo", "font", "font_file"];

/// Reads `brand:` of site.yaml. `static_file(path)`: whether the site's `static/` folder holds
/// that file. Each problem is an error at its key.
pub fn read(
    file: &SourceFile,
    value: &serde_yaml::Value,
    static_file: &dyn Fn(&str) -> bool,
    diagnostics: &mut Diagnostics,
) -> Option<Brand> {
    let key = DataPath::root().key("brand");
    let Some(map) = value.as_mapping() else {
        diagnostics.push(
            file.error_at_path(&key, "`brand` is not a map")
                .expected("`primary`, `accent` (colours such as \"#7a1f5c\"), `logo`, `font` and `font_file`")
                .says("diag_brand_not_map", &[])
                .expects("diag_brand_map_expected", &[]),
        );
        return None;
    };
    let before = diagnostics.error_count();
    let mut brand = Brand::default();
    let text = |name: &str| -> Option<(String, DataPath)> {
        let value = map.get(name)?;
        Some((value.as_str().unwrap_or_default().to_string(), key.key(name)))
    };
    for name in map.keys() {
        let name = name.as_str().unwrap_or_default();
        if !KEYS.contains(&name) {
            diagnostics.push(
                file.error_at_key(&key.key(name), format!("unknown key `{name}` in `brand`"))
                    .expected(KEYS.join(", "))
                    .hint(did_you_mean(name, KEYS))
                    .says("diag_unknown_brand_key", &[("key", name)])
                    .expects("diag_brand_keys", &[("keys", &KEYS.join(", "))]),
            );
        }
    }
    let colour = |name: &str, diagnostics: &mut Diagnostics| -> Option<Rgb> {
        let (written, path) = text(name)?;
        let parsed = parse_colour(&written);
        if parsed.is_none() {
            diagnostics.push(
                file.error_at_path(&path, format!("`{written}` is not a colour"))
                    .expected("a colour written `#rrggbb` (in quotes: \"#7a1f5c\")")
                    .says("diag_not_a_colour", &[("value", &written)])
                    .expects("diag_colour_expected", &[]),
            );
        }
        parsed
    };
    let primary = colour("primary", diagnostics);
    let accent = colour("accent", diagnostics);
    if let Some(primary) = primary {
        // White text on the seals and cards: 4.5:1, which also keeps the colour at 3:1 or more
        // as a mark on the light scheme's surfaces.
        let ratio = contrast(primary, WHITE);
        if ratio < TEXT_CONTRAST {
            let darker = nearest(primary, [0, 0, 0], |c| contrast(c, WHITE) >= TEXT_CONTRAST);
            diagnostics.push(
                file.error_at_path(
                    &key.key("primary"),
                    format!(
                        "`{}` is too light: white text on it (seals, share cards) has a contrast \
                         of {ratio:.1}:1",
                        hex(primary)
                    ),
                )
                .expected(format!("a colour with at least {TEXT_CONTRAST}:1 against white"))
                .hint(darker.map(|c| format!("the nearest darker shade that passes is \"{}\"", hex(c))))
                .says(
                    "diag_primary_too_light",
                    &[("colour", &hex(primary)), ("ratio", &format!("{ratio:.1}"))],
                )
                .expects("diag_contrast_on_white", &[("ratio", &TEXT_CONTRAST.to_string())])
                .suggests(
                    "diag_darker_shade",
                    &[("colour", &darker.map(hex).unwrap_or_default())],
                ),
            );
        } else {
            brand.primary = primary;
        }
    }
    if let Some(accent) = accent {
        let ground = brand.primary;
        let ratio = contrast(accent, ground);
        if ratio < TEXT_CONTRAST {
            let toward = if luminance(ground) < 0.18 { WHITE } else { [0, 0, 0] };
            let shade = nearest(accent, toward, |c| contrast(c, ground) >= TEXT_CONTRAST);
            diagnostics.push(
                file.error_at_path(
                    &key.key("accent"),
                    format!(
                        "`{}` on the primary colour `{}` (the seals' rule, the cards' second \
                         line) has a contrast of {ratio:.1}:1",
                        hex(accent),
                        hex(ground)
                    ),
                )
                .expected(format!("a colour with at least {TEXT_CONTRAST}:1 against the primary colour"))
                .hint(shade.map(|c| format!("the nearest shade that passes is \"{}\"", hex(c))))
                .says(
                    "diag_accent_contrast",
                    &[
                        ("accent", &hex(accent)),
                        ("primary", &hex(ground)),
                        ("ratio", &format!("{ratio:.1}")),
                    ],
                )
                .expects(
                    "diag_contrast_on_primary",
                    &[("ratio", &TEXT_CONTRAST.to_string())],
                )
                .suggests(
                    "diag_nearest_shade",
                    &[("colour", &shade.map(hex).unwrap_or_default())],
                ),
            );
        } else {
            brand.accent = accent;
        }
    }
    if primary.is_some() {
        // The dark scheme: the primary lightened until it keeps 4.5:1 on both surfaces, so that
        // the dark text of a button on it reads, and as a mark it passes with room.
        brand.primary_dark = nearest(brand.primary, WHITE, |c| {
            DARK_SURFACES
                .iter()
                .all(|s| contrast(c, *s) >= TEXT_CONTRAST)
        })
        .unwrap_or(WHITE);
    }
    let static_path = |name: &str, what: &str, diagnostics: &mut Diagnostics| {
        let (written, path) = text(name)?;
        let inside = written.trim().trim_start_matches("static/").to_string();
        let plain = !inside.is_empty()
            && std::path::Path::new(&inside)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !plain || !static_file(&inside) {
            diagnostics.push(
                file.error_at_path(&path, format!("`{written}` is not a file of the site's static/ folder"))
                    .expected(format!("{what} under static/, named by its path there (`{}`)", if name == "logo" { "logo.svg" } else { "fonts/Brand.woff2" }))
                    .says("diag_not_a_static_file", &[("value", &written)])
                    .expects(
                        if name == "logo" {
                            "diag_static_logo_expected"
                        } else {
                            "diag_static_font_expected"
                        },
                        &[],
                    ),
            );
            return None;
        }
        Some(inside)
    };
    brand.logo = static_path("logo", "an image (SVG, PNG or WebP)", diagnostics);
    if let Some(logo) = &brand.logo {
        let image = [".svg", ".png", ".webp", ".jpg", ".jpeg"]
            .iter()
            .any(|ext| logo.to_ascii_lowercase().ends_with(ext));
        if !image {
            diagnostics.push(
                file.error_at_path(&key.key("logo"), format!("`{logo}` is not an image a browser shows"))
                    .expected("an SVG, PNG, WebP or JPEG file")
                    .says("diag_not_an_image", &[("value", logo)])
                    .expects("diag_image_expected", &[]),
            );
        }
    }
    let font_file = static_path("font_file", "a WOFF2, WOFF, TTF or OTF file", diagnostics);
    match text("font") {
        Some((family, path)) => {
            let ok = !family.trim().is_empty()
                && family
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'));
            if ok {
                brand.font = Some(Font {
                    family: family.trim().to_string(),
                    file: font_file,
                });
            } else {
                diagnostics.push(
                    file.error_at_path(&path, format!("`{family}` is not a font family name"))
                        .expected("a family name of letters, digits, spaces and hyphens (`Source Sans 3`)")
                        .says("diag_not_a_font_family", &[("value", &family)])
                        .expects("diag_font_family_expected", &[]),
                );
            }
        }
        None if font_file.is_some() => diagnostics.push(
            file.error_at_path(&key.key("font_file"), "`font_file` without `font`")
                .expected("the family name the file holds, in `font:`")
                .says("diag_font_file_without_font", &[])
                .expects("diag_font_name_expected", &[]),
        ),
        None => {}
    }
    (diagnostics.error_count() == before).then_some(brand)
}

/// The stylesheet a brand adds after the theme's: its colours and font as the theme's CSS custom
/// properties (docs/themes.md lists them). `font_url`: the font file's address from the
/// stylesheet.
pub fn stylesheet(brand: &Brand, font_url: Option<&str>) -> String {
    let mut css = String::from("/* The site's brand (brand: in data/site.yaml), written by rankpress. */\n");
    if let (Some(font), Some(url)) = (&brand.font, font_url) {
        let format = match url.rsplit('.').next().map(str::to_ascii_lowercase).as_deref() {
            Some("woff2") => "woff2",
            Some("woff") => "woff",
            Some("otf") => "opentype",
            _ => "truetype",
        };
        css.push_str(&format!(
            "@font-face {{ font-family: \"{}\"; src: url(\"{url}\") format(\"{format}\"); font-display: swap; }}\n",
            font.family
        ));
    }
    css.push_str(&format!(
        ":root {{\n  --brand: {p};\n  --brand-accent: {a};\n  --accent: {p};\n  --chart-primary: {p};\n",
        p = hex(brand.primary),
        a = hex(brand.accent)
    ));
    if let Some(font) = &brand.font {
        css.push_str(&format!(
            "  --sans: \"{f}\", system-ui, sans-serif;\n  --serif: \"{f}\", Georgia, serif;\n",
            f = font.family
        ));
    }
    css.push_str("}\n");
    css.push_str(&format!(
        "@media (prefers-color-scheme: dark) {{\n  :root {{ --brand: {d}; --accent: {d}; --chart-primary: {d}; }}\n}}\n",
        d = hex(brand.primary_dark)
    ));
    css
}

/// The messages of a run's diagnostics (for tests).
#[cfg(test)]
fn messages(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics.iter().map(|d| d.message.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_yaml(yaml: &str, files: &[&str]) -> (Option<Brand>, Diagnostics) {
        let file = SourceFile::new("data/site.yaml", format!("title: T\nbrand: {yaml}\n"));
        let all: serde_yaml::Value = serde_yaml::from_str(&file.text).unwrap();
        let mut diagnostics = Diagnostics::new();
        let found = |path: &str| files.contains(&path);
        let brand = read(&file, &all["brand"], &found, &mut diagnostics);
        (brand, diagnostics)
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast(WHITE, [0, 0, 0]) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast([0x76, 0x76, 0x76], WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn a_brand_reaches_its_colours_and_derives_the_dark_variant() {
        let (brand, d) = read_yaml(
            "{primary: \"#7a1f5c\", accent: \"#f5c75a\", logo: static/logo.svg, font: Source Sans 3, font_file: fonts/s.woff2}",
            &["logo.svg", "fonts/s.woff2"],
        );
        assert_eq!(messages(&d), Vec::<String>::new());
        let brand = brand.unwrap();
        assert_eq!(hex(brand.primary), "#7A1F5C");
        assert_eq!(hex(brand.accent), "#F5C75A");
        assert_eq!(brand.logo.as_deref(), Some("logo.svg"));
        // Lighter, and 4.5:1 on both dark surfaces.
        assert!(DARK_SURFACES.iter().all(|s| contrast(brand.primary_dark, *s) >= 4.5));
        assert!(luminance(brand.primary_dark) > luminance(brand.primary));
        let css = stylesheet(&brand, Some("../fonts/s.woff2"));
        assert!(css.contains("--chart-primary: #7A1F5C;"), "{css}");
        assert!(css.contains("font-family: \"Source Sans 3\"; src: url(\"../fonts/s.woff2\") format(\"woff2\")"), "{css}");
    }

    #[test]
    fn a_colour_below_the_contrast_is_refused_with_a_shade_that_passes() {
        // A light yellow: white text on it is unreadable.
        let (brand, d) = read_yaml("{primary: \"#ffd200\"}", &[]);
        assert!(brand.is_none());
        let error = d.iter().next().unwrap();
        assert!(error.message.starts_with("`#FFD200` is too light: white text on it"), "{}", error.message);
        let hint = error.hint.clone().unwrap();
        let shade = parse_colour(hint.rsplit('"').nth(1).unwrap()).unwrap();
        assert!(contrast(shade, WHITE) >= 4.5, "{hint}");

        // An accent too close to the primary.
        let (_, d) = read_yaml("{primary: \"#7a1f5c\", accent: \"#a03070\"}", &[]);
        let error = d.iter().next().unwrap();
        assert!(error.message.contains("has a contrast of"), "{}", error.message);
        let hint = error.hint.clone().unwrap();
        let shade = parse_colour(hint.rsplit('"').nth(1).unwrap()).unwrap();
        assert!(contrast(shade, [0x7a, 0x1f, 0x5c]) >= 4.5, "{hint}");
    }

    #[test]
    fn wrong_values_are_errors_at_their_keys() {
        let (_, d) = read_yaml("{primary: blue, logo: missing.svg, colour: \"#000\"}", &[]);
        assert_eq!(
            messages(&d),
            [
                "unknown key `colour` in `brand`",
                "`blue` is not a colour",
                "`missing.svg` is not a file of the site's static/ folder"
            ]
        );
    }
}
