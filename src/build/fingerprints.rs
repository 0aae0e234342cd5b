//! What each page depends on, as a fingerprint: a page whose fingerprint equals the one recorded
//! for it by the previous build (in the output folder, or in the dev server's memory) is taken
//! over as it is, without being rendered.
//!
//! The inputs fall in two kinds. Everything outside `content/` (the data, the theme, the site's
//! templates, strings and static files) and the build's options make one fingerprint that every
//! page depends on: a score changes ranks, sector averages and charts on pages far from the
//! company, so any change there renders everything again. The commentary is fingerprinted file
//! by file, and a page depends only on the files it shows: a company's page on that company's
//! commentary; the home page, the articles, the feed, the sitemap and the search index on all of
//! it. Every page also shows whether there are articles (the menu links to them).
//!
//! A fingerprint is taken from the bytes before they are read for the build, so a file saved
//! while a build runs can only make the next build render more, never keep a stale page.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use crate::build::BuildOptions;
use crate::content::{Content, Translations};
use crate::input::source::SourceFile;
use crate::routes::Page;

/// The folders of a site whose files every page depends on.
const SHARED_INPUTS: [&str; 5] = ["data", "themes", "templates", "static", "i18n"];

/// The fingerprints of a build's inputs.
#[derive(Debug, Clone, Default)]
pub struct InputKeys {
    shared: u64,
    /// Each commentary file's fingerprint, by its name (`content/companies/x.md`).
    content: HashMap<String, u64>,
    /// All commentary together, with which files there are.
    all_content: u64,
    has_articles: bool,
}

fn hasher() -> std::hash::DefaultHasher {
    let mut hasher = std::hash::DefaultHasher::new();
    // A new rankpress renders everything again.
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    hasher
}

/// The fingerprint of the shared inputs (every file under [`SHARED_INPUTS`], by path and bytes)
/// and of the options that change pages. A file that cannot be read counts as a change.
pub fn shared_inputs(options: &BuildOptions) -> u64 {
    let mut hasher = hasher();
    options.base_url.hash(&mut hasher);
    options.include_drafts.hash(&mut hasher);
    for folder in SHARED_INPUTS {
        let walk = walkdir::WalkDir::new(options.root.join(folder))
            .sort_by_file_name()
            .into_iter();
        for entry in walk {
            let Ok(entry) = entry else {
                "unreadable".hash(&mut hasher);
                continue;
            };
            if !entry.file_type().is_file() {
                continue;
            }
            hash_file(&options.root, entry.path(), &mut hasher);
        }
    }
    hasher.finish()
}

fn hash_file(root: &Path, path: &Path, hasher: &mut impl Hasher) {
    path.strip_prefix(root).unwrap_or(path).hash(hasher);
    match std::fs::read(path) {
        Ok(bytes) => bytes.hash(hasher),
        Err(_) => "unreadable".hash(hasher),
    }
}

impl InputKeys {
    /// The fingerprint of everything outside the commentary.
    pub fn shared(&self) -> u64 {
        self.shared
    }

    /// `shared`: from [`shared_inputs`]; `files`: the commentary as read for this build.
    pub fn new(shared: u64, files: &[SourceFile], content: &Content) -> InputKeys {
        let mut all = hasher();
        let mut keys = HashMap::with_capacity(files.len());
        let mut sorted: Vec<&SourceFile> = files.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        for file in sorted {
            let mut one = hasher();
            file.text.hash(&mut one);
            let key = one.finish();
            (&file.name, key).hash(&mut all);
            keys.insert(file.name.clone(), key);
        }
        InputKeys {
            shared,
            content: keys,
            all_content: all.finish(),
            has_articles: !content.articles.is_empty(),
        }
    }

    /// The fingerprint of `page` in language `language`, or `None` for a page that is always
    /// rendered.
    pub fn page(&self, page: Page, language: usize, content: &Content) -> u64 {
        let mut hasher = self.base("page", language);
        format!("{page:?}").hash(&mut hasher);
        match page {
            Page::Company(company) => self.commentary(content.companies.get(&company), &mut hasher),
            Page::Sector(_, sector) => self.commentary(content.sectors.get(&sector), &mut hasher),
            Page::Edition(year) => self.commentary(content.editions.get(&year), &mut hasher),
            Page::Methodology => self.commentary(Some(&content.methodology), &mut hasher),
            Page::Home | Page::Articles | Page::Article(_) => self.all_content.hash(&mut hasher),
            Page::Verify(..) | Page::Compare | Page::NotFound => {}
        }
        hasher.finish()
    }

    /// The fingerprint of a site-wide file (`what`: "search", "feed", "sitemap") that shows all
    /// the commentary.
    pub fn with_all_content(&self, what: &str, language: usize) -> u64 {
        let mut hasher = self.base(what, language);
        self.all_content.hash(&mut hasher);
        hasher.finish()
    }

    /// The fingerprint of a site-wide file that shows no commentary.
    pub fn without_content(&self, what: &str, language: usize) -> u64 {
        self.base(what, language).finish()
    }

    fn base(&self, what: &str, language: usize) -> std::hash::DefaultHasher {
        let mut hasher = hasher();
        (self.shared, self.has_articles, what, language).hash(&mut hasher);
        hasher
    }

    /// The files of one page's commentary, in every language (a language without its own
    /// falls back to another's).
    fn commentary(&self, translations: Option<&Translations>, hasher: &mut impl Hasher) {
        for commentary in translations.into_iter().flat_map(Translations::all) {
            (&commentary.file, self.content.get(&commentary.file)).hash(hasher);
        }
    }
}
