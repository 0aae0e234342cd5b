//! The one way a site is built: a [`Builder`] prepares (reads, validates, scores, compiles the
//! theme) and renders into a sink. `build`, `check` and the dev server are thin callers: a build
//! renders into a staged output folder, a check into memory without share cards, the dev server
//! into memory with the builder kept between saves as its cache.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::read_markdown_tree;
use crate::output::Output;
use crate::pipeline::pages::{Counts, RenderError, write_site};
use crate::pipeline::prepare::{Prepared, ReadContent, prepare};
use crate::sink::{MemorySink, PreviousFingerprints, SharedFiles, Sink};
use crate::views::SiteData;

use super::{BuildError, BuildOptions, BuildReport, Cards, Files, Timer};

/// Prepares and renders a site. Made anew for each build; the dev server keeps one
/// ([`Builder::session`]) so that after a commentary edit it reads and parses only the files
/// saved, without reading, validating and scoring the data or compiling the theme again.
pub struct Builder {
    options: BuildOptions,
    /// Whether what was read is kept for the next [`Builder::prepare`] (the dev server). A build
    /// keeps nothing: it would hold every commentary's text while it renders.
    session: bool,
    prepared: Option<Prepared>,
    /// The commentary as last read and parsed, for a session.
    read: ReadContent,
    timer: Timer,
    start: Instant,
}

impl Builder {
    /// A builder for one build.
    pub fn new(options: &BuildOptions) -> Builder {
        Builder {
            options: options.clone(),
            session: false,
            prepared: None,
            read: ReadContent::default(),
            timer: Timer::start(),
            start: Instant::now(),
        }
    }

    /// A builder kept between rebuilds, as the dev server's cache.
    pub fn session(options: &BuildOptions) -> Builder {
        Builder {
            session: true,
            ..Builder::new(options)
        }
    }

    /// Reads, validates and scores the site and compiles the theme, with every problem at once.
    /// A session whose inputs other than the commentary are unchanged since its last preparation
    /// reads only the commentary again: all of it, or with `changed` (the paths the file watcher
    /// reported, when it knows them all) only the files saved.
    pub fn prepare(&mut self, changed: Option<&BTreeSet<PathBuf>>) -> Result<(), BuildError> {
        if self.session {
            self.start = Instant::now();
            self.timer = Timer::start();
            let file_keys = crate::pipeline::fingerprints::file_keys(&self.options);
            if let Some(prepared) = self
                .prepared
                .as_mut()
                .filter(|p| p.keys.files() == file_keys)
            {
                self.timer.lap("fingerprint");
                return reread_commentary(
                    &self.options,
                    prepared,
                    &mut self.read,
                    file_keys,
                    changed,
                    &mut self.timer,
                );
            }
        }
        // What the whole build read of the commentary is kept only once it succeeded: the files
        // were parsed for its site.
        let mut read = ReadContent::default();
        let keep = self.session.then_some(&mut read);
        let prepared = prepare(&self.options, &mut self.timer, keep)?;
        self.prepared = Some(prepared);
        self.read = read;
        Ok(())
    }

    /// What the last successful [`Builder::prepare`] made.
    pub fn prepared(&self) -> Result<&Prepared, BuildError> {
        self.prepared
            .as_ref()
            .ok_or_else(|| BuildError::Other(anyhow::anyhow!("the site was not prepared")))
    }

    /// Renders every output into `sink`, taking over from `previous` what did not change. A
    /// table or chart of the commentary that fails to render is an input error at its place.
    pub fn render(
        &mut self,
        sink: &dyn Sink,
        previous: &PreviousFingerprints,
        cards: Cards,
    ) -> Result<Counts, BuildError> {
        let prepared = self.prepared()?;
        let data = SiteData {
            site: &prepared.site,
            content: &prepared.content,
            results: &prepared.results,
            locales: &prepared.locales,
        };
        let rendered = write_site(
            &data,
            &prepared.renderer,
            &prepared.theme,
            match cards {
                Cards::Draw => Some(&prepared.previews),
                Cards::WhenHosted if prepared.site.config.hosting.is_some() => {
                    Some(&prepared.previews)
                }
                Cards::WhenHosted | Cards::Skip => None,
            },
            &prepared.keys,
            previous,
            sink,
        );
        let counts = rendered.map_err(|error| match error {
            RenderError::View {
                error: crate::views::ViewError::Embed(failure),
                ..
            } => {
                let mut diagnostics = prepared.diagnostics.clone();
                diagnostics.push(embed_diagnostic(&self.options.root, &failure));
                BuildError::Input(diagnostics)
            }
            RenderError::Output(error) => BuildError::Other(error),
            other => BuildError::Other(anyhow::Error::new(other)),
        });
        if counts.is_err() {
            // A session starts over: nothing it made is trusted.
            self.prepared = None;
        }
        let counts = counts?;
        self.timer.lap("render");
        Ok(counts)
    }

    /// Measures the site's files, and against its host's limits (`hosting:` in site.yaml): the
    /// files and bytes, and the errors of a site the host would not take.
    pub fn measure<'a>(
        &mut self,
        files: impl Iterator<Item = (&'a str, u64)>,
    ) -> Result<Measured, BuildError> {
        let prepared = self.prepared()?;
        let config = &prepared.site.config;
        let size = crate::pipeline::hosting::measure(files, &config.languages);
        let errors = match &config.hosting {
            Some(hosting) => crate::pipeline::hosting::check(&size, hosting, config.share_images),
            None => Vec::new(),
        };
        self.timer.lap("measure");
        Ok(Measured {
            written: size.all,
            hosts: crate::pipeline::hosting::presets_that_fit(&size),
            refused: errors,
        })
    }

    /// The run's diagnostics with `errors` added: a build that stops on them.
    fn stop(&self, errors: Vec<Diagnostic>) -> BuildError {
        let mut diagnostics = self
            .prepared
            .as_ref()
            .map(|p| p.diagnostics.clone())
            .unwrap_or_default();
        for error in errors {
            diagnostics.push(error);
        }
        BuildError::Input(diagnostics)
    }

    /// Adds a stage to the report (the output folder's steps).
    pub fn lap(&mut self, stage: &'static str) {
        self.timer.lap(stage);
    }

    /// Adds a warning to the report.
    pub fn warn(&mut self, warning: Diagnostic) {
        if let Some(prepared) = self.prepared.as_mut() {
            prepared.diagnostics.push(warning);
        }
    }

    /// What the build did: `counts`, the warnings and the time of each stage.
    pub fn report(&self, counts: Counts) -> BuildReport {
        BuildReport {
            counts,
            warnings: self
                .prepared
                .as_ref()
                .map(|p| p.diagnostics.clone())
                .unwrap_or_default(),
            stages: self.timer.stages.clone(),
            total: self.start.elapsed(),
            written: None,
            hosts: Vec::new(),
        }
    }

    /// The dev server's rebuild: prepares (see [`Builder::prepare`]) and renders into memory,
    /// taking over from `previous` the files whose inputs did not change.
    pub fn rebuild(
        &mut self,
        previous: &PreviousFingerprints,
        changed: Option<&BTreeSet<PathBuf>>,
    ) -> Result<(BuildReport, SharedFiles), BuildError> {
        self.prepare(changed)?;
        let sink = MemorySink::default();
        let counts = self.render(&sink, previous, Cards::Draw)?;
        Ok((self.report(counts), sink.into_files()?))
    }

    /// Prepares and renders into memory.
    pub fn in_memory(
        &mut self,
        previous: &PreviousFingerprints,
        cards: Cards,
    ) -> Result<(Counts, Files), BuildError> {
        self.prepare(None)?;
        let sink = MemorySink::default();
        let counts = self.render(&sink, previous, cards)?;
        Ok((counts, unshared(sink.into_files()?)))
    }
}

/// A session's preparation after a commentary edit: the commentary read again (only the files in
/// `changed` where the last read was clean), parsed for the prepared site, its fingerprints made
/// anew. The warnings about everything else stay; those about the commentary are made anew.
fn reread_commentary(
    options: &BuildOptions,
    prepared: &mut Prepared,
    read: &mut ReadContent,
    file_keys: crate::pipeline::fingerprints::FileKeys,
    changed: Option<&BTreeSet<PathBuf>>,
    timer: &mut Timer,
) -> Result<(), BuildError> {
    let mut diagnostics = Diagnostics::new();
    for diagnostic in prepared.diagnostics.iter() {
        if !diagnostic.file.starts_with("content/") {
            diagnostics.push(diagnostic.clone());
        }
    }
    let reread = match (changed, read.files.take()) {
        (Some(changed), Some(files)) => {
            crate::input::reread_markdown(&options.root, files, changed)
        }
        _ => None,
    };
    let (files, read_cleanly) = match reread {
        Some(files) => (files, true),
        None => {
            let mut problems = Diagnostics::new();
            let files = read_markdown_tree(&options.root, "content", &mut problems);
            let cleanly = problems.iter().next().is_none();
            diagnostics.extend(problems);
            (files, cleanly)
        }
    };
    timer.lap("read content");
    let content = crate::content::load_content_reusing(
        &prepared.site,
        &files,
        options.include_drafts,
        &mut diagnostics,
        &mut read.parsed,
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
    read.files = read_cleanly.then_some(files);
    prepared.content = content;
    prepared.diagnostics = diagnostics;
    timer.lap("content");
    Ok(())
}

/// A table or chart of the commentary that failed to render, at its place in the Markdown.
fn embed_diagnostic(root: &Path, failure: &crate::views::EmbedFailure) -> Diagnostic {
    use crate::diagnostics::{Phrase, as_given};
    let (message, says) = match &failure.template {
        Some(template) => (
            format!(
                "this embed cannot be shown: the template {template} failed: {}",
                failure.message
            ),
            Phrase::new("diag_embed_template_failed", &[("template", template)])
                .with("reason", as_given(&failure.message)),
        ),
        None => (
            format!("this embed cannot be shown: {}", failure.message),
            Phrase::new("diag_embed_failed", &[]).with("reason", as_given(&failure.message)),
        ),
    };
    let diagnostic = Diagnostic::error(&failure.file, message)
        .at(failure.line, failure.column)
        .expected("a template that renders: a site's own copy under templates/ overrides the theme's")
        .hint(failure.template.as_ref().map(|template| {
            format!("compare templates/{template} with the theme's own; docs/templates.md lists what it receives")
        }))
        .saying(Some(says))
        .expects("diag_template_renders_expected", &[])
        .suggests(
            "diag_compare_template",
            &[("template", failure.template.as_deref().unwrap_or_default())],
        );
    match commentary_line(root, &failure.file, failure.line) {
        Some(line) => diagnostic.with_source_line(&line),
        None => diagnostic,
    }
}

/// What a build's output weighs, and what its host makes of it.
pub struct Measured {
    pub written: crate::pipeline::Part,
    /// The hosts among the presets that take the site as it is.
    pub hosts: Vec<&'static str>,
    /// The errors of a site its host (`hosting:`) would not take.
    pub refused: Vec<Diagnostic>,
}

/// Builds the site. On any error the output folder is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut builder = Builder::new(options);
    // The output folder is resolved, checked and locked before anything else, and stays locked
    // until the new site is in place.
    let Some(requested) = &options.output else {
        let (counts, _) = builder.in_memory(&PreviousFingerprints::default(), Cards::Draw)?;
        return Ok(builder.report(counts));
    };
    let output = Output::open(&options.root, requested, options.force)?;
    builder.prepare(None)?;
    let folder = output.folder().display().to_string();
    for warning in output.warnings() {
        builder.warn(warning.warning(&folder));
    }
    let mut staging = output.stage()?;
    // `--force` makes every file anew: nothing of the previous output is trusted.
    let previous = if options.force {
        PreviousFingerprints::default()
    } else {
        PreviousFingerprints::read(output.folder())
    };
    let counts = builder.render(&staging.sink(), &previous, Cards::Draw)?;
    if options.precompress {
        staging.precompress()?;
        builder.lap("compress");
    }
    // Measured before the swap: a site its host would refuse is not put in place.
    let sizes = staging.sizes()?;
    let measured = builder.measure(sizes.iter().map(|(path, bytes)| (path.as_str(), *bytes)))?;
    if !measured.refused.is_empty() {
        return Err(builder.stop(measured.refused));
    }
    for warning in output.commit(staging)? {
        builder.warn(warning.warning(&folder));
    }
    builder.lap("commit");
    let mut report = builder.report(counts);
    report.written = Some(measured.written);
    report.hosts = measured.hosts;
    Ok(report)
}

/// Builds into memory and returns the files: for tests and for checks without writing.
pub fn build_in_memory(options: &BuildOptions) -> Result<(BuildReport, Files), BuildError> {
    build_in_memory_reusing(options, &PreviousFingerprints::default())
}

/// Builds into memory, taking over unchanged files from `previous`.
pub fn build_in_memory_reusing(
    options: &BuildOptions,
    previous: &PreviousFingerprints,
) -> Result<(BuildReport, Files), BuildError> {
    let mut builder = Builder::new(options);
    let (counts, files) = builder.in_memory(previous, Cards::Draw)?;
    Ok((builder.report(counts), files))
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

/// What `rankpress check` found besides the build's own diagnostics.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub pages: usize,
    pub links: usize,
    /// Everything found: input problems (warnings only when the input is valid) and broken links.
    pub diagnostics: Diagnostics,
}

/// Everything `build` validates, plus every internal link and fragment, in the Markdown (reported
/// at its file and line) and in the rendered pages, without writing anything; and, for a site
/// that names its host, whether the host takes it. Share cards are drawn only then, to be
/// measured: no page links to one.
pub fn check(options: &BuildOptions) -> Result<CheckReport, BuildError> {
    use crate::pipeline::linkcheck;
    let mut builder = Builder::new(options);
    // Share cards are drawn only to be measured, for a site that names its host.
    let (counts, files) = builder.in_memory(&PreviousFingerprints::default(), Cards::WhenHosted)?;
    let refused = builder
        .measure(
            files
                .iter()
                .map(|(path, bytes)| (path.as_str(), bytes.len() as u64)),
        )?
        .refused;
    let prepared = builder.prepared()?;
    let root_path = crate::routes::site_path(&prepared.site.config.base_url);
    let mut diagnostics = prepared.diagnostics.clone();
    let (markdown_links, problems) =
        linkcheck::check_markdown(prepared.content.all().into_iter(), &files, &root_path);
    let mut reported = std::collections::HashSet::new();
    for problem in problems {
        // The same text appears on the pages of languages without their own translation:
        // report the link once, at its source line.
        reported.insert(problem.link.clone());
        let mut diagnostic = Diagnostic::error(&problem.file, problem.message)
            .expected(format!(
                "a link relative to {}, the page this text appears on",
                problem.page
            ))
            .saying(Some(problem.says))
            .expects("diag_link_relative_to", &[("page", &problem.page)]);
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
            .expected("every link of a template to lead to a page, file or element of the site")
            .saying(Some(
                crate::diagnostics::Phrase::new("diag_link_broken", &[("link", &link.link)])
                    .with("reason", link.said),
            ))
            .expects("diag_template_links_expected", &[]),
        );
    }
    for error in refused {
        diagnostics.push(error);
    }
    Ok(CheckReport {
        pages: counts.pages,
        links: checked + markdown_links,
        diagnostics,
    })
}

fn commentary_line(root: &Path, file: &str, line: usize) -> Option<String> {
    let mut ignored = Diagnostics::new();
    crate::input::read_text(&root.join(file), file, &mut ignored)?.line_text(line)
}
