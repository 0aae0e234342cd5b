//! `brand:` in site.yaml (issue 37, item 5): the publisher's colours, logo and font reach the
//! pages, the charts, the seals and the share cards; a colour below the contrast is refused with
//! a shade that passes; a site's stylesheet in place of the theme's is said.

use rankpress::pipeline::build_in_memory;

use crate::support::{Fixture, in_memory};

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><rect width=\"40\" height=\"40\" fill=\"#7a1f5c\"/></svg>";

fn site(brand: &str) -> String {
    crate::support::SITE.replace("share_images: none\n", "share_images: all\n") + brand
}

/// The RGB colour of pixel (x, y) of a PNG (the cards are 16-colour palette images: expanded).
fn pixel(png: &[u8], x: usize, y: usize) -> [u8; 3] {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.line_size / info.width as usize;
    let at = y * info.line_size + x * channels;
    [buffer[at], buffer[at + 1], buffer[at + 2]]
}

#[test]
fn a_brand_reaches_pages_charts_seals_and_cards() {
    let fixture = Fixture::with_theme(&[
        (
            "data/site.yaml",
            &site(
                "brand: {primary: \"#7a1f5c\", accent: \"#f5c75a\", logo: logo.svg, font: Source Sans 3}\n",
            ),
        ),
        ("static/logo.svg", LOGO),
    ]);
    let (_, files) = build_in_memory(&in_memory(fixture.root())).unwrap_or_else(|e| panic!("{e}"));
    let text = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    // The stylesheet: the colours as the theme's custom properties, the dark shade derived.
    let css = text("assets/brand.css");
    assert!(css.contains("--brand: #7A1F5C;"), "{css}");
    assert!(css.contains("--chart-primary: #7A1F5C;"), "{css}");
    assert!(css.contains("--sans: \"Source Sans 3\""), "{css}");
    assert!(css.contains("@media (prefers-color-scheme: dark)"), "{css}");
    // Every page links it after the theme's, and shows the logo before the title.
    let home = text("index.html");
    let theme_css = home.find("assets/style.css").unwrap();
    let brand_css = home.find("assets/brand.css").unwrap();
    assert!(theme_css < brand_css);
    assert!(
        home.contains("<img class=\"brand-logo\" src=\"logo.svg\" alt=\"\" height=\"36\">"),
        "{home}"
    );
    assert!(files.contains_key("logo.svg"));
    let german = text("de/companies/alpha/index.html");
    assert!(german.contains("href=\"../../../assets/brand.css\""));
    // The charts' main series is drawn in Okabe–Ito blue, which the theme's stylesheet maps to
    // the brand's colour.
    assert!(german.contains("fill=\"#0072B2\""));
    assert!(
        text("assets/style.css")
            .contains(".chart-svg [fill=\"#0072B2\"] { fill: var(--chart-primary, #0072B2); }")
    );
    // The seal: the brand's primary behind the text, its accent for the ring.
    let seal = files
        .iter()
        .find(|(path, _)| path.starts_with("2026/badges/"))
        .map(|(_, svg)| String::from_utf8(svg.clone()).unwrap())
        .unwrap();
    assert!(seal.contains("fill=\"#7A1F5C\""), "{seal}");
    // The logo in the seal's top band, embedded (an <img> of the seal loads nothing else), in
    // white, in the publisher's name's place: the 40 x 40 logo fitted to 44 units high.
    assert!(
        seal.contains("<image x=\"98\" y=\"41\" width=\"44\" height=\"44\" filter=\"url(#white)\" xlink:href=\"data:image/svg+xml;base64,"),
        "{seal}"
    );
    assert!(
        seal.contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\""),
        "{seal}"
    );
    assert!(seal.contains("stroke=\"#F5C75A\""), "{seal}");
    assert!(!seal.contains("#0B3D6B"), "{seal}");
    // The share card: the primary as the background, the accent as the stripe at the bottom,
    // and the logo's shape in white in the top corner (the square logo fitted to 72 px: x 1064
    // to 1136, y 40 to 112), clear of the site's name.
    let card = &files["companies/alpha/preview.png"];
    assert_eq!(pixel(card, 1100, 20), [0x7a, 0x1f, 0x5c]);
    assert_eq!(pixel(card, 1100, 76), [0xff, 0xff, 0xff]);
    assert_eq!(pixel(card, 1050, 76), [0x7a, 0x1f, 0x5c]);
    assert_eq!(pixel(card, 600, 625), [0xf5, 0xc7, 0x5a]);
    // The edition's card too (every card of every kind has it).
    assert_eq!(
        pixel(&files["2026/preview.png"], 1100, 76),
        [0xff, 0xff, 0xff]
    );

    // Without a brand: no stylesheet, no logo, the default navy seal.
    let plain = Fixture::with_theme(&[("data/site.yaml", &site(""))]);
    let (_, files) = build_in_memory(&in_memory(plain.root())).unwrap();
    assert!(!files.contains_key("assets/brand.css"));
    let home = String::from_utf8(files["index.html"].clone()).unwrap();
    assert!(!home.contains("brand.css") && !home.contains("brand-logo"));
    assert_eq!(
        pixel(&files["companies/alpha/preview.png"], 1100, 40),
        [0x0b, 0x3d, 0x6b]
    );
}

#[test]
fn a_logo_the_cards_cannot_draw_is_said_and_the_cards_go_without() {
    let fixture = Fixture::with_theme(&[
        (
            "data/site.yaml",
            &site("brand: {primary: \"#7a1f5c\", logo: logo.webp}\n"),
        ),
        ("static/logo.webp", "RIFF....WEBPVP8 "),
    ]);
    let (report, files) =
        build_in_memory(&in_memory(fixture.root())).unwrap_or_else(|e| panic!("{e}"));
    let said = report.warnings.to_string();
    assert!(
        said.contains("static/logo.webp")
            && said.contains("seals and share cards are drawn without the logo")
            && said.contains("SVG and PNG logos only"),
        "{said}"
    );
    // The pages still show it; the seals keep the publisher's name; the cards are plain.
    let seal = files
        .iter()
        .find(|(path, _)| path.starts_with("2026/badges/"))
        .map(|(_, svg)| String::from_utf8(svg.clone()).unwrap())
        .unwrap();
    assert!(!seal.contains("<image"), "{seal}");
    assert!(
        String::from_utf8(files["index.html"].clone())
            .unwrap()
            .contains("src=\"logo.webp\"")
    );
    assert_eq!(
        pixel(&files["companies/alpha/preview.png"], 1100, 76),
        [0x7a, 0x1f, 0x5c]
    );
}

#[test]
fn a_brand_colour_below_the_contrast_is_refused_with_one_that_passes() {
    let fixture = Fixture::with_theme(&[(
        "data/site.yaml",
        &site("brand: {primary: \"#ffd200\", logo: logo.png}\n"),
    )]);
    let errors = crate::support::build_errors(&fixture);
    let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{errors:?}");
    assert!(
        messages[0].starts_with(
            "`#FFD200` is too light: white text on it (seals, share cards) has a contrast of 1.5:1"
        ),
        "{messages:?}"
    );
    assert_eq!(
        (errors[0].line, errors[0].file.as_str()),
        (Some(8), "data/site.yaml")
    );
    let hint = errors[0].hint.as_deref().unwrap();
    assert!(
        hint.starts_with("the nearest darker shade that passes is \"#"),
        "{hint}"
    );
    assert_eq!(
        messages[1],
        "`logo.png` is not a file of the site's static/ folder"
    );

    // A Russian publisher reads the same refusal, and the shade that passes, in Russian.
    let russian = Fixture::with_theme(&[(
        "data/site.yaml",
        &site("brand: {primary: \"#ffd200\", logo: logo.png}\n")
            .replace("languages: [en, de]", "languages: [ru, en]"),
    )]);
    let errors = crate::support::build_errors(&russian);
    let locale = rankpress::pipeline::interface::interface_locale(russian.root());
    let said: Vec<String> = errors
        .iter()
        .map(|e| e.worded(&locale).to_string())
        .collect();
    assert!(
        said[0].starts_with("ошибка: `#FFD200` слишком светлый: контраст белого текста на нём (знаки отличия, карточки) — 1.5:1"),
        "{said:?}"
    );
    assert!(
        said[0].contains("   = подсказка: ближайший более тёмный оттенок, который подходит, — \"#"),
        "{said:?}"
    );
    assert!(
        said[1].starts_with("ошибка: `logo.png` — не файл из папки static/ сайта"),
        "{said:?}"
    );
}

#[test]
fn a_stylesheet_in_place_of_the_themes_is_said_and_custom_css_is_linked() {
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", crate::support::SITE),
        ("static/assets/style.css", "body { color: red; }\n"),
        (
            "static/assets/custom.css",
            "h1 { letter-spacing: 0.01em; }\n",
        ),
    ]);
    let (report, files) = build_in_memory(&in_memory(fixture.root())).unwrap();
    let warning = report
        .warnings
        .iter()
        .find(|w| w.file == "static/assets/style.css")
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert_eq!(
        warning.message,
        "replaces the theme's assets/style.css: none of the theme's own is loaded"
    );
    assert!(
        warning
            .hint
            .as_deref()
            .unwrap()
            .contains("static/assets/custom.css")
    );
    let home = String::from_utf8(files["index.html"].clone()).unwrap();
    let theme_css = home.find("assets/style.css").unwrap();
    let custom = home
        .find("<link rel=\"stylesheet\" href=\"assets/custom.css\">")
        .unwrap();
    assert!(theme_css < custom);
}
