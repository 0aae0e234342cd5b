//! Preparing a build: reading the site, validating and scoring the data, reading the
//! commentary and compiling the theme, with every problem found at once. Nothing is written.

use crate::content::Content;
use crate::diagnostics::{Diagnostic, Diagnostics, Phrase};
use crate::draw::previews::PreviewRenderer;
use crate::input::theme::{Theme, read_theme};
use crate::input::{read_data, read_markdown_tree};
use crate::locale::Locale;
use crate::model::Site;
use crate::model::results::EditionResults;
use crate::model::scoring::score_site;
use crate::model::validate::validate_data;
use crate::render::Renderer;
use crate::rounding::Rounding;
use crate::views::SiteData;

use super::{BuildError, BuildOptions, Timer, card_fonts};

/// Everything loaded and computed before anything is written.
pub struct Prepared {
    pub site: Site,
    pub content: Content,
    pub results: Vec<EditionResults>,
    pub theme: Theme,
    pub renderer: Renderer,
    pub previews: PreviewRenderer,
    pub locales: Vec<Locale>,
    pub diagnostics: Diagnostics,
    /// What each page depends on, for taking over unchanged pages.
    pub keys: crate::pipeline::fingerprints::InputKeys,
}

/// What a build read of the commentary, kept by the dev server after a whole build, so that the
/// next edit reads and parses only the files saved.
#[derive(Debug, Default)]
pub(super) struct ReadContent {
    /// The commentary files parsed for the build's site.
    pub(super) parsed: crate::content::ParsedFiles,
    /// The commentary files as read, when every one read without a word.
    pub(super) files: Option<Vec<crate::input::source::SourceFile>>,
}

/// Reads, validates, scores and compiles the theme. Returns every problem found at once. With
/// `keep`, what was read of the commentary is put there when the site is ready to render (a
/// build keeps nothing: it would hold every commentary's text while it renders).
pub(super) fn prepare(
    options: &BuildOptions,
    timer: &mut Timer,
    keep: Option<&mut ReadContent>,
) -> Result<Prepared, BuildError> {
    // Fingerprinted before they are read: an input saved during the build makes the next build
    // render more, never less.
    let file_keys = crate::pipeline::fingerprints::file_keys(options);
    let ((site, theme_settings, mut diagnostics), (content_files, content_diagnostics)) =
        read_inputs(options);
    let read_cleanly = content_diagnostics.iter().next().is_none();
    diagnostics.extend(content_diagnostics);
    timer.lap("read and validate");
    let Some(mut site) = site else {
        // What can be checked without the data is, so that one run names every problem.
        crate::content::check_without_data(&content_files, &mut diagnostics);
        if let Some((theme, languages)) = theme_settings {
            compile_theme(&options.root, &theme, &languages, &mut diagnostics);
        }
        return Err(BuildError::Input(diagnostics));
    };
    if let Some(base_url) = &options.base_url {
        match checked_base_url(base_url) {
            Some(base_url) => site.config.base_url = base_url,
            None => {
                diagnostics.push(
                    Diagnostic::error("--base-url", format!("`{base_url}` is not an absolute URL"))
                        .expected("an absolute URL such as https://rankings.example.org/")
                        .says("diag_not_absolute_url", &[("url", base_url)])
                        .expects("diag_absolute_url_expected", &[]),
                );
                return Err(BuildError::Input(diagnostics));
            }
        }
    }
    let mut parsed = crate::content::ParsedFiles::default();
    let content = crate::content::load_content_reusing(
        &site,
        &content_files,
        options.include_drafts,
        &mut diagnostics,
        &mut parsed,
    );
    timer.lap("content");
    let compiled = compile_theme(
        &options.root,
        &site.config.theme,
        &site.config.languages,
        &mut diagnostics,
    );
    timer.lap("theme");
    if diagnostics.has_errors() {
        return Err(BuildError::Input(diagnostics));
    }
    let Some((theme, renderer)) = compiled else {
        return Err(BuildError::Input(diagnostics));
    };
    let results = score_site(&site);
    unranked_editions(&site, &results, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(BuildError::Input(diagnostics));
    }
    let data_keys = crate::pipeline::fingerprints::DataKeys::new(&site, &results);
    let keys = crate::pipeline::fingerprints::InputKeys::new(
        file_keys,
        data_keys,
        &content_files,
        &content,
    );
    timer.lap("score");
    let locales = locales_of(&site, &theme);
    let mut previews = PreviewRenderer::new(
        &theme.fonts,
        crate::draw::previews::CardColours::of(site.config.brand.as_ref()),
    );
    let cards = site.config.share_images != crate::model::ShareImages::None;
    if let Some(brand) = site.config.brand.as_mut()
        && let Some(name) = brand.logo.clone()
    {
        let logo = brand_logo(&options.root, &name, cards, &theme.fonts, &mut diagnostics);
        brand.seal_logo = logo.seal;
        previews = previews.with_logo(logo.card);
    }
    if cards {
        let data = SiteData {
            site: &site,
            content: &content,
            results: &results,
            locales: &locales,
        };
        let system_fonts = site.config.system_fonts.then_some(theme.fonts.as_slice());
        card_fonts::check(
            &data,
            &mut previews,
            system_fonts,
            &site.config.theme,
            &mut diagnostics,
        );
        timer.lap("card fonts");
    }
    if let Some(keep) = keep {
        *keep = ReadContent {
            parsed,
            files: read_cleanly.then_some(content_files),
        };
    }
    Ok(Prepared {
        site,
        content,
        results,
        theme,
        renderer,
        previews,
        locales,
        diagnostics,
        keys,
    })
}

/// What validation made of the data (the site, or the theme settings to check the theme with
/// when the data is invalid) and the commentary files, each with its problems.
type ReadInputs = (
    (Option<Site>, Option<(String, Vec<String>)>, Diagnostics),
    (Vec<crate::input::source::SourceFile>, Diagnostics),
);

/// Reads and validates the data and reads the commentary files.
fn read_inputs(options: &BuildOptions) -> ReadInputs {
    // The data is read and validated while the commentary files are read: on a large site both
    // take a similar time.
    rayon::join(
        || {
            let mut diagnostics = Diagnostics::new();
            let inputs = read_data(&options.root, &mut diagnostics);
            let site = validate_data(&inputs, &mut diagnostics);
            let theme_settings = match site {
                Some(_) => None,
                None => crate::model::validate::theme_settings(&inputs),
            };
            (site, theme_settings, diagnostics)
        },
        || {
            let mut diagnostics = Diagnostics::new();
            let files = read_markdown_tree(&options.root, "content", &mut diagnostics);
            (files, diagnostics)
        },
    )
}

/// The locale of each of the site's languages, with the theme's strings.
fn locales_of(site: &Site, theme: &Theme) -> Vec<Locale> {
    let rounding = Rounding::new(site.config.precision);
    site.config
        .languages
        .iter()
        .enumerate()
        .map(|(index, code)| Locale::new(code, index, theme.strings_for(code), rounding))
        .collect::<Vec<_>>()
}

/// Reads theme `name` with the site's own templates and strings, checks its strings for the
/// site's `languages` and compiles its templates. A theme that is not there is one error
/// (read_theme's), not also a list of all the templates it lacks.
fn compile_theme(
    root: &std::path::Path,
    name: &str,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<(Theme, Renderer)> {
    let theme = read_theme(root, name, languages, diagnostics)?;
    crate::input::theme::check_strings(&theme, languages, diagnostics);
    let required: Vec<&str> = crate::views::PAGE_KINDS
        .iter()
        .map(|kind| kind.template)
        .collect();
    let renderer = Renderer::compile(&theme, &required, diagnostics)?;
    Some((theme, renderer))
}

/// An edition without a ranked company would become the headline with "0 companies": an
/// error naming the rules none of its companies passes.
fn unranked_editions(site: &Site, results: &[EditionResults], diagnostics: &mut Diagnostics) {
    for edition in results.iter().filter(|r| r.ranked.is_empty()) {
        let year = edition.year.to_string();
        let (english, why) = if edition.not_ranked.is_empty() {
            (
                "it has no results".to_string(),
                Phrase::new("diag_edition_no_results", &[]),
            )
        } else {
            let count = edition.not_ranked.len().to_string();
            let (rules, said) = crate::model::reasons::failed_rules(
                &site.methodology,
                edition.not_ranked.iter().filter_map(|n| n.reasons.first()),
            );
            (
                format!("none of its {count} companies passes the rules: {rules}"),
                Phrase::new("diag_edition_none_passes", &[("count", &count)]).with("rules", said),
            )
        };
        diagnostics.push(
            Diagnostic::error(
                format!("data/editions/{year}.yaml"),
                format!("no company is ranked in edition {year}: {english}"),
            )
            .expected("at least one company with a score for every criterion and at least `min_responses` responses")
            .hint(Some(
                "keep an edition whose results are not in yet outside data/editions/ until they are".to_string(),
            ))
            .saying(Some(
                Phrase::new("diag_edition_nobody_ranked", &[("year", &year)]).with("reason", why),
            ))
            .expects("diag_edition_ranked_expected", &[])
            .suggests("diag_keep_edition_outside", &[]),
        );
    }
}

/// `--base-url` with its trailing slash, `None` when it is not an absolute URL.
fn checked_base_url(base_url: &str) -> Option<String> {
    crate::model::validate::is_web_address(base_url)
        .then(|| crate::model::validate::with_trailing_slash(base_url))
}

/// Files larger than this are not read for a logo (a logo is a few kilobytes).
const MAX_LOGO_BYTES: u64 = 8 * 1024 * 1024;

/// The brand's logo as the seals and the share cards draw it.
struct BrandLogo {
    seal: Option<std::sync::Arc<crate::model::brand::SealLogo>>,
    card: Option<std::sync::Arc<crate::draw::previews::logo::LogoMask>>,
}

/// Reads the brand's logo (`static/<name>`) for the seals and, with `cards`, the share cards;
/// a warning says why one of them shows none (a WebP or JPEG logo, a broken or large file).
fn brand_logo(
    root: &std::path::Path,
    name: &str,
    cards: bool,
    fonts: &[Vec<u8>],
    diagnostics: &mut Diagnostics,
) -> BrandLogo {
    use crate::draw::previews::logo;
    let bytes = if logo::drawable(name) {
        crate::nofollow::read_regular(&root.join("static").join(name), MAX_LOGO_BYTES).map_err(
            |e| {
                let phrase = crate::diagnostics::io_reason(&e);
                (e.to_string(), phrase)
            },
        )
    } else {
        Err((
            "the seals and share cards draw SVG and PNG logos only".to_string(),
            Phrase::new("diag_logo_svg_png_only", &[]),
        ))
    };
    let mut warn = |what: &str, what_key: &'static str, (why, reason): logo::Why| {
        diagnostics.push(
            Diagnostic::warning(
                format!("static/{name}"),
                format!("the {what} are drawn without the logo: {why}"),
            )
            .expected("the logo as an SVG file, or a PNG with a transparent background")
            .hint(Some(
                "the pages show the logo as it is; seals and cards set its shape in white"
                    .to_string(),
            ))
            .saying(Some(Phrase::new(what_key, &[]).with("reason", reason)))
            .expects("diag_logo_expected", &[])
            .suggests("diag_logo_pages_as_is", &[]),
        );
    };
    let read = bytes.and_then(|bytes| logo::Logo::read(name, &bytes, fonts).map(|l| (bytes, l)));
    let (bytes, read) = match read {
        Ok(read) => read,
        Err(why) => {
            if cards {
                warn("seals and share cards", "diag_logo_not_on_seals_cards", why);
            } else {
                warn("seals", "diag_logo_not_on_seals", why);
            }
            return BrandLogo {
                seal: None,
                card: None,
            };
        }
    };
    let seal = read
        .seal(&bytes)
        .map(std::sync::Arc::new)
        .map_err(|why| warn("seals", "diag_logo_not_on_seals", why))
        .ok();
    let card = if cards {
        read.mask()
            .map(std::sync::Arc::new)
            .map_err(|why| warn("share cards", "diag_logo_not_on_cards", why))
            .ok()
    } else {
        None
    };
    BrandLogo { seal, card }
}
