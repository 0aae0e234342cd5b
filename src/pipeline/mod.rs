//! The build: one readable sequence of stages, each timed. Reading and writing happen here at
//! the edges; every stage in between takes values and returns values.

pub mod card_fonts;
pub mod fingerprints;
pub mod linkcheck;
pub mod pages;
pub mod progress;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Diagnostics;
use crate::draw::previews::PreviewRenderer;
use crate::input::theme::{Theme, read_theme};
use crate::input::{read_data, read_markdown_tree};
use crate::locale::Locale;
use crate::model::Site;
use crate::model::results::EditionResults;
use crate::model::scoring::score_site;
use crate::model::validate::validate_data;
use crate::output::Output;
use crate::pipeline::pages::{Counts, write_site};
use crate::render::Renderer;
use crate::rounding::Rounding;
use crate::sink::{MemorySink, PreviousFingerprints, SharedFiles, Sink};
use crate::views::SiteData;

/// How to build: one struct rather than a row of flags.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// `None`: build in memory only (checks and tests).
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from site.yaml (previews, staging hosts).
    pub base_url: Option<String>,
    pub include_drafts: bool,
    /// Replace an output folder that rankpress did not create.
    pub force: bool,
    /// Write `.gz` and `.br` beside every text file.
    pub precompress: bool,
}

/// What a successful build did and how long each stage took.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub counts: Counts,
    pub warnings: Diagnostics,
    pub stages: Vec<(&'static str, Duration)>,
    pub total: Duration,
}

impl BuildReport {
    /// The time of each stage, a line each, for `--verbose`.
    pub fn stage_lines(&self) -> String {
        self.stages
            .iter()
            .map(|(stage, time)| format!("  {stage:<10} {:>8.1} ms\n", time.as_secs_f64() * 1000.0))
            .collect()
    }
}

/// Why a build stopped.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the user's input, all of them.
    Input(Diagnostics),
    /// Anything else: the output folder, the file system, a template failing at render time.
    Other(anyhow::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Input(diagnostics) => write!(f, "{diagnostics}"),
            BuildError::Other(error) => write!(f, "error: {error:#}"),
        }
    }
}

impl From<anyhow::Error> for BuildError {
    fn from(error: anyhow::Error) -> Self {
        BuildError::Other(error)
    }
}

/// Whether a build draws the PNG share cards (`check` writes nothing and skips them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cards {
    Draw,
    Skip,
}

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

struct Timer {
    stages: Vec<(&'static str, Duration)>,
    last: Instant,
}

impl Timer {
    fn start() -> Timer {
        Timer {
            stages: Vec::new(),
            last: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.last = now;
    }
}

/// What a build read of the commentary, kept by the dev server after a whole build, so that the
/// next edit reads and parses only the files saved.
#[derive(Debug, Default)]
struct ReadContent {
    /// The commentary files parsed for the build's site.
    parsed: crate::content::ParsedFiles,
    /// The commentary files as read, when every one read without a word.
    files: Option<Vec<crate::input::source::SourceFile>>,
}

/// Reads, validates, scores and compiles the theme. Returns every problem found at once. With
/// `keep`, what was read of the commentary is put there when the site is ready to render (a
/// build keeps nothing: it would hold every commentary's text while it renders).
fn prepare(
    options: &BuildOptions,
    timer: &mut Timer,
    keep: Option<&mut ReadContent>,
) -> Result<Prepared, BuildError> {
    // Fingerprinted before they are read: an input saved during the build makes the next build
    // render more, never less.
    let file_keys = crate::pipeline::fingerprints::file_keys(options);
    // The data is read and validated while the commentary files are read: on a large site both
    // take a similar time.
    let ((site, theme_settings, mut diagnostics), (content_files, content_diagnostics)) =
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
        );
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
        if !crate::model::validate::is_web_address(base_url) {
            diagnostics.push(
                crate::diagnostics::Diagnostic::error(
                    "--base-url",
                    format!("`{base_url}` is not an absolute URL"),
                )
                .expected("an absolute URL such as https://rankings.example.org/"),
            );
            return Err(BuildError::Input(diagnostics));
        }
        site.config.base_url = crate::model::validate::with_trailing_slash(base_url);
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
    // An edition without a ranked company would become the headline with "0 companies".
    for edition in results.iter().filter(|r| r.ranked.is_empty()) {
        diagnostics.push(
            crate::diagnostics::Diagnostic::error(
                format!("data/editions/{}.yaml", edition.year),
                format!(
                    "no company is ranked in edition {}: {}",
                    edition.year,
                    if edition.not_ranked.is_empty() {
                        "it has no results".to_string()
                    } else {
                        format!(
                            "none of its {} companies passes the rules: {}",
                            edition.not_ranked.len(),
                            crate::model::reasons::failed_rules(
                                &site.methodology,
                                edition.not_ranked.iter().filter_map(|n| n.reasons.first())
                            )
                        )
                    }
                ),
            )
            .expected("at least one company with a score for every criterion and at least `min_responses` responses")
            .hint(Some(
                "keep an edition whose results are not in yet outside data/editions/ until they are".to_string(),
            )),
        );
    }
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
    let rounding = Rounding::new(site.config.precision);
    let locales = site
        .config
        .languages
        .iter()
        .enumerate()
        .map(|(index, code)| Locale::new(code, index, theme.strings_for(code), rounding))
        .collect::<Vec<_>>();
    let previews = PreviewRenderer::new(&theme.fonts);
    if site.config.share_images != crate::model::ShareImages::None {
        let data = SiteData {
            site: &site,
            content: &content,
            results: &results,
            locales: &locales,
        };
        card_fonts::check(&data, &previews, &site.config.theme, &mut diagnostics);
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
    let renderer = Renderer::compile(&theme, diagnostics)?;
    Some((theme, renderer))
}

fn render_into(
    prepared: &Prepared,
    previous: &PreviousFingerprints,
    sink: &dyn Sink,
    root: &std::path::Path,
    cards: Cards,
) -> Result<Counts, BuildError> {
    let data = SiteData {
        site: &prepared.site,
        content: &prepared.content,
        results: &prepared.results,
        locales: &prepared.locales,
    };
    write_site(
        &data,
        &prepared.renderer,
        &prepared.theme,
        match cards {
            Cards::Draw => Some(&prepared.previews),
            Cards::Skip => None,
        },
        &prepared.keys,
        previous,
        sink,
    )
    .map_err(
        |error| match error.downcast_ref::<crate::views::ViewError>() {
            Some(crate::views::ViewError::Embed(failure)) => {
                let mut diagnostics = prepared.diagnostics.clone();
                diagnostics.push(embed_diagnostic(root, failure));
                BuildError::Input(diagnostics)
            }
            _ => BuildError::Other(error),
        },
    )
}

/// A table or chart of the commentary that failed to render, at its place in the Markdown.
fn embed_diagnostic(root: &std::path::Path, failure: &crate::views::EmbedFailure) -> Diagnostic {
    let message = match &failure.template {
        Some(template) => format!(
            "this embed cannot be shown: the template {template} failed: {}",
            failure.message
        ),
        None => format!("this embed cannot be shown: {}", failure.message),
    };
    let diagnostic = Diagnostic::error(&failure.file, message)
        .at(failure.line, failure.column)
        .expected("a template that renders: a site's own copy under templates/ overrides the theme's")
        .hint(failure.template.as_ref().map(|template| {
            format!("compare templates/{template} with the theme's own; docs/templates.md lists what it receives")
        }));
    match commentary_line(root, &failure.file, failure.line) {
        Some(line) => diagnostic.with_source_line(&line),
        None => diagnostic,
    }
}

/// Builds the site. On any error the output folder is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut timer = Timer {
        stages: Vec::new(),
        last: start,
    };
    // The output folder is resolved, checked and locked before anything else, and stays locked
    // until the new site is in place.
    let output = match &options.output {
        Some(requested) => Some(Output::open(&options.root, requested, options.force)?),
        None => None,
    };
    let mut prepared = prepare(options, &mut timer, None)?;
    let counts = match &output {
        Some(output) => {
            for warning in output.warnings() {
                prepared.diagnostics.push(Diagnostic::warning(
                    output.folder().display().to_string(),
                    warning,
                ));
            }
            let staging = output.stage()?;
            // `--force` makes every file anew: nothing of the previous output is trusted.
            let previous = if options.force {
                PreviousFingerprints::default()
            } else {
                PreviousFingerprints::read(output.folder())
            };
            let counts = render_into(
                &prepared,
                &previous,
                &staging.sink(),
                &options.root,
                Cards::Draw,
            )?;
            timer.lap("render");
            if options.precompress {
                staging.precompress()?;
                timer.lap("compress");
            }
            for warning in output.commit(staging)? {
                prepared.diagnostics.push(Diagnostic::warning(
                    output.folder().display().to_string(),
                    warning,
                ));
            }
            timer.lap("commit");
            counts
        }
        None => {
            let counts = render_into(
                &prepared,
                &PreviousFingerprints::default(),
                &MemorySink::default(),
                &options.root,
                Cards::Draw,
            )?;
            timer.lap("render");
            counts
        }
    };
    Ok(BuildReport {
        counts,
        warnings: prepared.diagnostics,
        stages: timer.stages,
        total: start.elapsed(),
    })
}

/// Builds into memory and returns the files: for tests and for checks without writing.
pub fn build_in_memory(
    options: &BuildOptions,
) -> Result<(BuildReport, std::collections::BTreeMap<String, Vec<u8>>), BuildError> {
    build_in_memory_reusing(options, &PreviousFingerprints::default())
}

/// What the dev server keeps between rebuilds: everything read and computed for the last good
/// build. When only commentary changed since (the fingerprint of every other input is the same),
/// the next rebuild reads the commentary again and renders the pages that show what changed,
/// without reading, validating and scoring the data or compiling the theme again.
#[derive(Default)]
pub struct Session {
    prepared: Option<Prepared>,
    /// The commentary files parsed for `prepared`'s site, and as last read when every one read
    /// without a word: after an edit only the files the watcher names are read again.
    read: ReadContent,
}

/// Builds into memory, taking over from `previous` the files whose inputs did not change, and
/// from `session` what was read and computed, when only commentary changed (the dev server).
///
/// `changed`: the paths the file watcher reported since the last build, when it knows them all;
/// `None` reads every commentary file again.
pub fn build_in_memory_session(
    options: &BuildOptions,
    previous: &PreviousFingerprints,
    session: &mut Session,
    changed: Option<&std::collections::BTreeSet<std::path::PathBuf>>,
) -> Result<(BuildReport, SharedFiles), BuildError> {
    let start = Instant::now();
    let mut timer = Timer::start();
    let file_keys = crate::pipeline::fingerprints::file_keys(options);
    let Some(prepared) = session
        .prepared
        .as_mut()
        .filter(|p| p.keys.files() == file_keys)
    else {
        // What the whole build read of the commentary is kept only once it succeeded: the
        // files were parsed for its site.
        let mut read = ReadContent::default();
        let (prepared, counts, files) =
            render_in_memory(options, previous, Cards::Draw, &mut timer, Some(&mut read))?;
        let report = BuildReport {
            counts,
            warnings: prepared.diagnostics.clone(),
            stages: timer.stages,
            total: start.elapsed(),
        };
        session.prepared = Some(prepared);
        session.read = read;
        return Ok((report, files));
    };
    timer.lap("fingerprint");
    // The warnings about everything else stay; those about the commentary are made anew.
    let mut diagnostics = Diagnostics::new();
    for diagnostic in prepared.diagnostics.iter() {
        if !diagnostic.file.starts_with("content/") {
            diagnostics.push(diagnostic.clone());
        }
    }
    let reread = match (changed, session.read.files.take()) {
        (Some(changed), Some(files)) => {
            crate::input::reread_markdown(&options.root, files, changed)
        }
        _ => None,
    };
    let (files, read_cleanly) = match reread {
        Some(files) => (files, true),
        None => {
            let mut read = Diagnostics::new();
            let files = read_markdown_tree(&options.root, "content", &mut read);
            let cleanly = read.iter().next().is_none();
            diagnostics.extend(read);
            (files, cleanly)
        }
    };
    timer.lap("read content");
    let content = crate::content::load_content_reusing(
        &prepared.site,
        &files,
        options.include_drafts,
        &mut diagnostics,
        &mut session.read.parsed,
    );
    if diagnostics.has_errors() {
        return Err(BuildError::Input(diagnostics));
    }
    prepared.keys = crate::pipeline::fingerprints::InputKeys::new(
        file_keys,
        prepared.keys.data().clone(),
        &files,
        &content,
    );
    session.read.files = read_cleanly.then_some(files);
    prepared.content = content;
    prepared.diagnostics = diagnostics;
    timer.lap("content");
    let sink = MemorySink::default();
    let counts = render_into(prepared, previous, &sink, &options.root, Cards::Draw)?;
    timer.lap("render");
    let files = sink.into_files()?;
    Ok((
        BuildReport {
            counts,
            warnings: prepared.diagnostics.clone(),
            stages: timer.stages,
            total: start.elapsed(),
        },
        files,
    ))
}

/// Builds into memory, taking over unchanged files from `previous`.
pub fn build_in_memory_reusing(
    options: &BuildOptions,
    previous: &PreviousFingerprints,
) -> Result<(BuildReport, std::collections::BTreeMap<String, Vec<u8>>), BuildError> {
    let start = Instant::now();
    let mut timer = Timer::start();
    let (prepared, counts, files) =
        render_in_memory(options, previous, Cards::Draw, &mut timer, None)?;
    Ok((
        BuildReport {
            counts,
            warnings: prepared.diagnostics,
            stages: timer.stages,
            total: start.elapsed(),
        },
        unshared(files),
    ))
}

/// The files as bytes of their own (each held once at this point: nothing is copied).
fn unshared(files: SharedFiles) -> Files {
    files
        .into_iter()
        .map(|(path, bytes)| {
            let bytes =
                std::sync::Arc::try_unwrap(bytes).unwrap_or_else(|shared| (*shared).clone());
            (path, bytes)
        })
        .collect()
}

/// The files of a site built in memory, by path.
pub type Files = std::collections::BTreeMap<String, Vec<u8>>;

/// Prepares and renders the whole site into memory.
fn render_in_memory(
    options: &BuildOptions,
    previous: &PreviousFingerprints,
    cards: Cards,
    timer: &mut Timer,
    keep: Option<&mut ReadContent>,
) -> Result<(Prepared, Counts, SharedFiles), BuildError> {
    let prepared = prepare(options, timer, keep)?;
    let sink = MemorySink::default();
    let counts = render_into(&prepared, previous, &sink, &options.root, cards)?;
    timer.lap("render");
    Ok((prepared, counts, sink.into_files()?))
}

/// What `rankpress check` found besides the build's own diagnostics.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub pages: usize,
    pub links: usize,
    /// Everything found: input problems (warnings only when the input is valid) and broken links.
    pub diagnostics: Diagnostics,
}

/// Everything `build` validates, plus every internal link and fragment, in the Markdown (reported
/// at its file and line) and in the rendered pages, without writing anything. Share cards are
/// not drawn: no page links to one, and nothing is written.
pub fn check(options: &BuildOptions) -> Result<CheckReport, BuildError> {
    use crate::pipeline::linkcheck;
    let mut timer = Timer::start();
    let (prepared, counts, files) = render_in_memory(
        options,
        &PreviousFingerprints::default(),
        Cards::Skip,
        &mut timer,
        None,
    )?;
    let files = unshared(files);
    let root_path = crate::routes::site_path(&prepared.site.config.base_url);
    let mut diagnostics = prepared.diagnostics.clone();
    let (markdown_links, problems) =
        linkcheck::check_markdown(prepared.content.all().into_iter(), &files, &root_path);
    let mut reported = std::collections::HashSet::new();
    for problem in problems {
        // The same text appears on the pages of languages without their own translation:
        // report the link once, at its source line.
        reported.insert(problem.link.clone());
        let mut diagnostic = Diagnostic::error(&problem.file, problem.message).expected(format!(
            "a link relative to {}, the page this text appears on",
            problem.page
        ));
        diagnostic.line = Some(problem.line);
        if let Some(text) = commentary_line(&options.root, &problem.file, problem.line) {
            diagnostic.column = text.find(problem.link.as_str()).map(|c| c + 1);
            diagnostic = diagnostic.with_source_line(&text);
        }
        diagnostics.push(diagnostic.hint(problem.hint));
    }
    let (checked, broken) = linkcheck::check(&files, &root_path);
    for link in broken.into_iter().filter(|l| !reported.contains(&l.link)) {
        diagnostics.push(
            Diagnostic::error(
                &link.file,
                format!("the link `{}` is broken: {}", link.link, link.problem),
            )
            .expected("every link of a template to lead to a page, file or element of the site"),
        );
    }
    Ok(CheckReport {
        pages: counts.pages,
        links: checked + markdown_links,
        diagnostics,
    })
}

fn commentary_line(root: &std::path::Path, file: &str, line: usize) -> Option<String> {
    let mut ignored = Diagnostics::new();
    crate::input::read_text(&root.join(file), file, &mut ignored)?.line_text(line)
}
