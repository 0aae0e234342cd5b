//! What each page depends on, as a fingerprint: a page whose fingerprint equals the one recorded
//! for it by the previous build (in the output folder, or in the dev server's memory) is taken
//! over as it is, without being rendered.
//!
//! The inputs fall in three kinds:
//! - The presentation (the theme, the site's templates, strings and static files) and the build's
//!   options: every page depends on all of it.
//! - The data. A page that shows many companies (rankings, sectors, the home page, exports,
//!   the search index) depends on every data file. A company's page and its seal checks depend
//!   on the data as they show it: the settings, methodology, sectors and editions' own facts
//!   (the catalogue), the company's record, and in each edition its entry, its sector's
//!   averages, ranks and size, and the number of ranked companies. A score that moves a rank
//!   changes the entries of every company it passes, and so their fingerprints.
//! - The commentary, file by file: a company's page depends on that company's commentary only;
//!   the home page, the articles, the feed, the sitemap and the search index on all of it.
//!
//! Every page also shows whether there are articles (the menu links to them).
//!
//! The presentation and the data files are fingerprinted from their bytes before they are read
//! for the build, so a file saved while a build runs can only make the next build render more;
//! the company fingerprints are taken from the scored model the pages are made from.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use crate::content::{Content, Translations};
use crate::input::source::SourceFile;
use crate::model::Site;
use crate::model::results::{EditionResults, Standing};
use crate::pipeline::BuildOptions;
use crate::views::kinds::{CommentaryScope, DataScope, Page};

/// The folders of a site whose files are its presentation.
const PRESENTATION: [&str; 4] = ["themes", "templates", "static", "i18n"];

/// The fingerprints of the files outside `content/`, taken before they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileKeys {
    presentation: u64,
    data: u64,
}

/// The fingerprints of the data as the pages show it.
#[derive(Debug, Clone, Default)]
pub struct DataKeys {
    catalogue: u64,
    /// Indexed like `Site::companies`.
    companies: Vec<u64>,
}

/// The fingerprints of a build's inputs.
#[derive(Debug, Clone, Default)]
pub struct InputKeys {
    files: FileKeys,
    data: DataKeys,
    /// Each commentary file's fingerprint, by its name (`content/companies/x.md`).
    content: HashMap<String, u64>,
    /// All commentary together, with which files there are.
    all_content: u64,
    has_articles: bool,
}

fn hasher() -> std::hash::DefaultHasher {
    let mut hasher = std::hash::DefaultHasher::new();
    // Another rankpress renders everything again: another version, or another build of it.
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    program().hash(&mut hasher);
    hasher
}

/// The running program's size and time of change: a rebuilt rankpress of the same version
/// (a developer's, or a patched package) does not take over what an older one made.
fn program() -> &'static (u64, Option<std::time::SystemTime>) {
    static PROGRAM: std::sync::OnceLock<(u64, Option<std::time::SystemTime>)> =
        std::sync::OnceLock::new();
    PROGRAM.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| (m.len(), m.modified().ok()))
            .unwrap_or((0, None))
    })
}

/// The fingerprints of the presentation and of the data files (every file under the folders,
/// by path and bytes), with the options that change pages. A file that cannot be read counts as
/// a change.
pub fn file_keys(options: &BuildOptions) -> FileKeys {
    let mut presentation = hasher();
    options.base_url.hash(&mut presentation);
    options.include_drafts.hash(&mut presentation);
    hash_folders(&options.root, &PRESENTATION, &mut presentation);
    let mut data = hasher();
    hash_folders(&options.root, &["data"], &mut data);
    FileKeys {
        presentation: presentation.finish(),
        data: data.finish(),
    }
}

fn hash_folders(root: &Path, folders: &[&str], hasher: &mut impl Hasher) {
    for folder in folders {
        let walk = walkdir::WalkDir::new(root.join(folder))
            .sort_by_file_name()
            .into_iter();
        for entry in walk {
            let Ok(entry) = entry else {
                "unreadable".hash(hasher);
                continue;
            };
            if entry.file_type().is_file() {
                hash_file(root, entry.path(), hasher);
            }
        }
    }
}

/// Feeds what `{:?}` writes into a hasher, without building the string.
struct DebugHasher<'a, H: Hasher>(&'a mut H);

impl<H: Hasher> std::fmt::Write for DebugHasher<'_, H> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.write(text.as_bytes());
        Ok(())
    }
}

fn hash_debug(value: &impl std::fmt::Debug, hasher: &mut impl Hasher) {
    use std::fmt::Write;
    // Writing into a hasher cannot fail.
    let _ = write!(DebugHasher(hasher), "{value:?}");
}

impl DataKeys {
    /// What the catalogue and each company's pages show of `site` and its `results`.
    pub fn new(site: &Site, results: &[EditionResults]) -> DataKeys {
        use rayon::prelude::*;
        let mut catalogue = hasher();
        hash_debug(&site.config, &mut catalogue);
        hash_debug(&site.methodology, &mut catalogue);
        hash_debug(&site.sectors, &mut catalogue);
        for edition in &site.editions {
            hash_debug(
                &(
                    edition.year,
                    &edition.title,
                    &edition.published,
                    &edition.valid_until,
                    edition.respondents,
                ),
                &mut catalogue,
            );
        }
        // What a company's page shows of its sector, once per sector and edition: the averages,
        // the size, whether it names a winner, and every sector rank (ties are shown). Hashed
        // into each of its companies' keys, not recomputed for each: that took a sector's size
        // of steps per company, 39 s at 100,000 companies in 10 sectors.
        let sector_keys: Vec<Vec<u64>> = results
            .iter()
            .map(|edition| {
                edition
                    .sectors
                    .iter()
                    .map(|sector| {
                        let mut hasher = hasher();
                        hash_debug(&sector.averages, &mut hasher);
                        (sector.names_winner, sector.ranked.len()).hash(&mut hasher);
                        for &other in &sector.ranked {
                            edition
                                .ranked
                                .get(other)
                                .map(|e| e.sector_rank)
                                .hash(&mut hasher);
                        }
                        hasher.finish()
                    })
                    .collect()
            })
            .collect();
        let companies = (0..site.companies.len())
            .into_par_iter()
            .map(|company| {
                let mut hasher = hasher();
                hash_debug(&site.companies.get(company), &mut hasher);
                for (edition, sectors) in results.iter().zip(&sector_keys) {
                    (edition.year, edition.ranked.len()).hash(&mut hasher);
                    hash_debug(&edition.sector_of(company), &mut hasher);
                    match edition.standing(company) {
                        Some(Standing::Ranked(index)) => {
                            let entry = edition.ranked.get(index);
                            hash_debug(&entry, &mut hasher);
                            entry.and_then(|e| sectors.get(e.sector)).hash(&mut hasher);
                        }
                        Some(Standing::NotRanked(index)) => {
                            hash_debug(&edition.not_ranked.get(index), &mut hasher);
                        }
                        None => "absent".hash(&mut hasher),
                    }
                }
                hasher.finish()
            })
            .collect();
        DataKeys {
            catalogue: catalogue.finish(),
            companies,
        }
    }
}

/// Feeds a file's path and bytes into `hasher`, a block at a time: a respondent file of
/// hundreds of megabytes is never held whole for its fingerprint.
fn hash_file(root: &Path, path: &Path, hasher: &mut impl Hasher) {
    use std::io::Read;
    path.strip_prefix(root).unwrap_or(path).hash(hasher);
    let Ok(mut file) = std::fs::File::open(path) else {
        "unreadable".hash(hasher);
        return;
    };
    let mut block = vec![0u8; 1 << 16];
    let mut length: u64 = 0;
    loop {
        match file.read(&mut block) {
            Ok(0) => break,
            Ok(read) => {
                hasher.write(block.get(..read).unwrap_or_default());
                length += read as u64;
            }
            Err(_) => {
                "unreadable".hash(hasher);
                break;
            }
        }
    }
    length.hash(hasher);
}

impl InputKeys {
    /// The fingerprints of the files outside the commentary.
    pub fn files(&self) -> FileKeys {
        self.files
    }

    /// The fingerprints of the data as the pages show it.
    pub fn data(&self) -> &DataKeys {
        &self.data
    }

    /// `files`: from [`file_keys`]; `data`: from the scored model; `sources`: the commentary as
    /// read for this build.
    pub fn new(
        files: FileKeys,
        data: DataKeys,
        sources: &[SourceFile],
        content: &Content,
    ) -> InputKeys {
        let mut all = hasher();
        let mut keys = HashMap::with_capacity(sources.len());
        let mut sorted: Vec<&SourceFile> = sources.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        for file in sorted {
            let mut one = hasher();
            file.text.hash(&mut one);
            let key = one.finish();
            (&file.name, key).hash(&mut all);
            keys.insert(file.name.clone(), key);
        }
        InputKeys {
            files,
            data,
            content: keys,
            all_content: all.finish(),
            has_articles: !content.articles.is_empty(),
        }
    }

    /// The fingerprint of `page` in language `language`: what its kind's descriptor says it
    /// shows of the data and the commentary.
    pub fn page(&self, page: Page, language: usize, content: &Content) -> u64 {
        let mut hasher = self.scoped("page", page, language);
        let index = page.index;
        match page.kind.commentary {
            CommentaryScope::Company => self.commentary(content.companies.get(&index), &mut hasher),
            CommentaryScope::Sector => self.commentary(content.sectors.get(&index), &mut hasher),
            CommentaryScope::Edition => {
                self.commentary(content.editions.get(&page.year), &mut hasher)
            }
            CommentaryScope::Methodology => {
                self.commentary(Some(&content.methodology), &mut hasher)
            }
            CommentaryScope::All => self.all_content.hash(&mut hasher),
            CommentaryScope::None => {}
        }
        hasher.finish()
    }

    /// The fingerprint of the share card of `page`: it depends on the data as the page does,
    /// without the commentary.
    pub fn card(&self, page: Page, language: usize) -> u64 {
        self.scoped("card", page, language).finish()
    }

    /// The presentation, the data `page` shows, and which page it is.
    fn scoped(&self, what: &str, page: Page, language: usize) -> std::hash::DefaultHasher {
        let mut hasher = match page.kind.data {
            DataScope::Company => {
                let mut hasher = self.presentation(what, language);
                (self.data.catalogue, self.data.companies.get(page.index)).hash(&mut hasher);
                hasher
            }
            DataScope::All => self.base(what, language),
        };
        (page.kind.name, page.year, page.index).hash(&mut hasher);
        hasher
    }

    /// The fingerprint of instance `index` of a kind of file (`what`: "search", "feed",
    /// "sitemap") that shows all the commentary.
    pub fn with_all_content(&self, what: &str, index: usize, language: usize) -> u64 {
        let mut hasher = self.base(what, language);
        (index, self.all_content).hash(&mut hasher);
        hasher.finish()
    }

    /// The fingerprint of instance `index` of a kind of file that shows no commentary.
    pub fn without_content(&self, what: &str, index: usize, language: usize) -> u64 {
        let mut hasher = self.base(what, language);
        index.hash(&mut hasher);
        hasher.finish()
    }

    /// A file that depends on the presentation and on all the data files.
    fn base(&self, what: &str, language: usize) -> std::hash::DefaultHasher {
        let mut hasher = self.presentation(what, language);
        self.files.data.hash(&mut hasher);
        hasher
    }

    /// The part every file has: the presentation, and whether there are articles.
    fn presentation(&self, what: &str, language: usize) -> std::hash::DefaultHasher {
        let mut hasher = hasher();
        (self.files.presentation, self.has_articles, what, language).hash(&mut hasher);
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
