//! The executor: every planned output of the site (the pages of each kind in [`super::kinds`],
//! their share cards, the files of each kind in [`super::files`], the theme's assets) rendered
//! into a [`Sink`] in parallel. It matches on no kind of page or file: the descriptors say what
//! each is. Each page builds its own small view; nothing is shared mutably between threads.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::draw::previews::PreviewRenderer;
use crate::input::theme::Theme;
use crate::pipeline::files::{FILE_KINDS, FileKey, FileKind, Make, Making};
use crate::pipeline::fingerprints::InputKeys;
use crate::render::{Renderer, TemplateStrings};
use crate::routes::{OutputFile, Route, language_prefix};
use crate::sink::{PreviousFingerprints, Recorded, Sink, fingerprint_line};
use crate::views::kinds::{Page, pages};
use crate::views::{SiteData, ViewBuilder, ViewError};

/// What a build produced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
    /// Pages and files taken over from the previous build: nothing they depend on changed.
    pub unchanged: usize,
}

/// Why an output could not be made.
#[derive(Debug)]
pub enum RenderError {
    /// A page's view could not be built (a chart, an embed in its commentary).
    View { path: String, error: ViewError },
    /// A template failed at render time.
    Template {
        path: String,
        template: &'static str,
        error: tera::Error,
    },
    /// A share card could not be drawn.
    Card { path: String, message: String },
    /// The output could not be written.
    Output(anyhow::Error),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::View { path, error } => write!(f, "{path}: {error}"),
            RenderError::Template { path, template, .. } => {
                write!(f, "rendering {path} with template {template} failed")
            }
            RenderError::Card { path, message } => {
                write!(f, "drawing the preview {path} failed: {message}")
            }
            RenderError::Output(error) => write!(f, "{error:#}"),
        }
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RenderError::Template { error, .. } => Some(error),
            RenderError::View { .. } | RenderError::Card { .. } | RenderError::Output(_) => None,
        }
    }
}

impl From<anyhow::Error> for RenderError {
    fn from(error: anyhow::Error) -> Self {
        RenderError::Output(error)
    }
}

/// One planned output.
enum Job<'a> {
    Page(usize, Page, &'a Route),
    Card(usize, Page, &'a Route),
    /// A kind of file, in a language (the first for site-wide files), instance.
    File(usize, &'static FileKind, usize),
    Asset(&'a str, &'a std::path::Path),
}

/// Every output of the site, site-wide files first: each takes as long as hundreds of pages on
/// a large site, so that no core is left with one of them at the end while the other idles.
fn plan<'a>(
    data: &SiteData,
    pages: &'a [(Page, Route)],
    theme: &'a Theme,
    cards: bool,
) -> Vec<Job<'a>> {
    let languages = data.site.config.languages.len();
    let mut jobs: Vec<Job> = Vec::new();
    for kind in FILE_KINDS.iter().filter(|kind| !kind.per_language) {
        jobs.extend((0..(kind.count)(data)).map(|index| Job::File(0, kind, index)));
    }
    for language in 0..languages {
        for kind in FILE_KINDS.iter().filter(|kind| kind.per_language) {
            jobs.extend((0..(kind.count)(data)).map(|index| Job::File(language, kind, index)));
        }
    }
    for language in 0..languages {
        jobs.extend(
            pages
                .iter()
                .map(|(page, route)| Job::Page(language, *page, route)),
        );
        jobs.extend(
            pages
                .iter()
                .filter(|(page, _)| cards && page.has_card(data))
                .map(|(page, route)| Job::Card(language, *page, route)),
        );
    }
    jobs.extend(
        theme
            .assets
            .iter()
            .map(|(path, from)| Job::Asset(path, from)),
    );
    jobs
}

/// The error for a language the site has no interface strings for (a bug, never input).
fn no_strings(language: usize) -> RenderError {
    RenderError::Output(anyhow::anyhow!(
        "no interface strings for language {language}"
    ))
}

/// What the executor reads and counts while it runs.
struct Executor<'a> {
    data: &'a SiteData<'a>,
    renderer: &'a Renderer,
    /// Each language's interface strings, converted for the templates once.
    strings: Vec<TemplateStrings>,
    previews: Option<&'a PreviewRenderer>,
    keys: &'a InputKeys,
    previous: &'a PreviousFingerprints,
    sink: &'a dyn Sink,
    routes: Vec<Route>,
    manifest: std::sync::Mutex<Vec<String>>,
    pages: AtomicUsize,
    charts: AtomicUsize,
    files: AtomicUsize,
    unchanged: AtomicUsize,
}

impl Executor<'_> {
    /// Writes the file at `path`: taken over from the previous build when its fingerprint
    /// `hash` is unchanged, else made by `make` (bytes and charts; `None`: no file). Returns
    /// the file's charts, `None` when there is no file.
    fn file(
        &self,
        path: &str,
        hash: u64,
        make: &dyn Fn() -> Result<Option<(Vec<u8>, usize)>, RenderError>,
    ) -> Result<Option<usize>, RenderError> {
        let recorded = match self.previous.take_over(self.sink, path, hash)? {
            Some(recorded) => {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                recorded
            }
            None => {
                let Some((bytes, charts)) = make()? else {
                    return Ok(None);
                };
                self.sink.write(path, &bytes)?;
                Recorded {
                    hash,
                    charts,
                    len: bytes.len() as u64,
                }
            }
        };
        self.manifest
            .lock()
            .map_err(|_| anyhow::anyhow!("fingerprint list lock poisoned"))?
            .push(fingerprint_line(recorded, path));
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(Some(recorded.charts))
    }

    fn locale(&self, language: usize) -> Result<&crate::locale::Locale, RenderError> {
        self.data
            .locales
            .get(language)
            .ok_or_else(|| no_strings(language))
    }

    fn prefix(&self, language: usize) -> String {
        language_prefix(&self.data.site.config.languages, language)
    }

    fn page(&self, language: usize, page: Page, route: &Route) -> Result<(), RenderError> {
        let locale = self.locale(language)?;
        let strings = self
            .strings
            .get(language)
            .ok_or_else(|| no_strings(language))?;
        let file = route.file();
        let path = format!("{}{file}", self.prefix(language));
        let hash = self.keys.page(page, language, self.data.content);
        let made = self.file(&path, hash, &|| {
            let builder = ViewBuilder::new(self.data, locale, &file).with_renderer(self.renderer);
            let built = page.view(&builder).map_err(|error| RenderError::View {
                path: path.clone(),
                error,
            })?;
            let Some(built) = built else {
                return Ok(None);
            };
            let template = page.kind.template;
            let html = self
                .renderer
                .render(template, &built.layout, &*built.page, strings)
                .map_err(|error| RenderError::Template {
                    path: path.clone(),
                    template,
                    error,
                })?;
            Ok(Some((html.into_bytes(), built.charts)))
        })?;
        if let Some(chart_count) = made {
            self.pages.fetch_add(1, Ordering::Relaxed);
            self.charts.fetch_add(chart_count, Ordering::Relaxed);
        }
        Ok(())
    }

    fn card(&self, language: usize, page: Page, route: &Route) -> Result<(), RenderError> {
        let (Some(previews), locale) = (self.previews, self.locale(language)?) else {
            return Ok(());
        };
        let latest = self.data.latest().map(|r| r.year);
        let Some(file) = crate::views::preview_file(self.data, route, latest) else {
            return Ok(());
        };
        let path = file.output_path(&self.prefix(language));
        self.file(&path, self.keys.card(page, language), &|| {
            let builder = ViewBuilder::new(self.data, locale, &route.file());
            let Some(card) = page.card(&builder) else {
                return Ok(None);
            };
            let png = previews.png(&card).map_err(|message| RenderError::Card {
                path: path.clone(),
                message,
            })?;
            Ok(Some((png, 0)))
        })?;
        Ok(())
    }

    fn files_of(
        &self,
        language: usize,
        kind: &'static FileKind,
        index: usize,
    ) -> Result<(), RenderError> {
        let locale = self.locale(language)?;
        let prefix = self.prefix(language);
        let making = Making {
            data: self.data,
            locale,
            renderer: self.renderer,
            routes: &self.routes,
        };
        let hash = match kind.key {
            FileKey::WithAllContent => Some(self.keys.with_all_content(kind.name, index, language)),
            FileKey::WithoutContent => Some(self.keys.without_content(kind.name, index, language)),
            FileKey::Always => None,
        };
        (kind.make)(&making, index, &mut |file: OutputFile, make: Make| {
            let path = file.output_path(&prefix);
            match hash {
                Some(hash) => {
                    self.file(&path, hash, &|| Ok(Some((make()?, 0))))?;
                }
                None => {
                    self.sink.write(&path, &make()?)?;
                    self.files.fetch_add(1, Ordering::Relaxed);
                }
            }
            Ok(())
        })
    }

    fn run(&self, job: &Job) -> Result<(), RenderError> {
        match job {
            Job::Page(language, page, route) => self.page(*language, *page, route),
            Job::Card(language, page, route) => self.card(*language, *page, route),
            Job::File(language, kind, index) => self.files_of(*language, kind, *index),
            Job::Asset(path, from) => {
                self.sink
                    .copy(&OutputFile::Asset(path.to_string()).path(), from)?;
                self.files.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
        }
    }
}

/// Renders every page and file of the site into `sink`, taking over from `previous` what did
/// not change; share cards are drawn with `previews` (none without).
pub fn write_site(
    data: &SiteData,
    renderer: &Renderer,
    theme: &Theme,
    previews: Option<&PreviewRenderer>,
    keys: &InputKeys,
    previous: &PreviousFingerprints,
    sink: &dyn Sink,
) -> Result<Counts, RenderError> {
    let pages = pages(data);
    let jobs = plan(data, &pages, theme, previews.is_some());
    let executor = Executor {
        data,
        renderer,
        strings: data
            .locales
            .iter()
            .map(|locale| TemplateStrings::new(&locale.strings))
            .collect(),
        previews,
        keys,
        previous,
        sink,
        routes: pages.iter().map(|(_, route)| route.clone()).collect(),
        manifest: std::sync::Mutex::new(Vec::new()),
        pages: AtomicUsize::new(0),
        charts: AtomicUsize::new(0),
        files: AtomicUsize::new(0),
        unchanged: AtomicUsize::new(0),
    };
    let progress = crate::pipeline::progress::Progress::start(jobs.len(), "files");
    // Each job its own task: rayon otherwise cuts the list into a few runs, one per core and
    // then some, and a core that took the run holding the site-wide files and the pages of many
    // companies renders them all alone while the other takes over unchanged files and idles (a
    // data save in the dev server, a rebuild).
    jobs.par_iter().with_max_len(1).try_for_each(|job| {
        progress.tick();
        executor.run(job)
    })?;
    let mut manifest = executor
        .manifest
        .into_inner()
        .map_err(|_| anyhow::anyhow!("fingerprint list lock poisoned"))?;
    manifest.sort();
    manifest.push(String::new());
    sink.write(crate::sink::FINGERPRINTS, manifest.join("\n").as_bytes())?;
    Ok(Counts {
        pages: executor.pages.into_inner(),
        charts: executor.charts.into_inner(),
        files: executor.files.into_inner(),
        unchanged: executor.unchanged.into_inner(),
    })
}
