//! Where each page lives in the output and how pages link to each other.
//!
//! Links between pages are relative and name the file (`../companies/x/index.html`), so the same
//! output works at a domain root, under any subpath and opened from disk. Only the sitemap, the
//! feed and canonical/alternate links use the absolute `base_url`.

/// A page of the site, independent of language: the kind of place it is at, and what picks it
/// there (an edition's year, the id of a company, sector or article; unused ones are 0 and "").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route {
    pub place: &'static Place,
    pub year: i32,
    pub id: String,
}

/// A kind of place a page can be at: its folder, and what the frame around its pages shows.
/// The places of the built-in page kinds are below; a new page kind declares its own.
pub struct Place {
    /// Unique among places: routes of the same place, year and id are the same page.
    pub name: &'static str,
    /// The folder of a page under the language root, from its route's year and id, with a
    /// trailing `/` (empty for the root).
    pub folder: fn(i32, &str) -> String,
    /// The page's file in its folder.
    pub file: &'static str,
    /// A page a host serves at any address that is not found: it links from the site's root
    /// path, and the sitemap does not list it.
    pub anywhere: bool,
    /// The section the navigation marks current on its pages: its own (`None`), or the
    /// route's year at another place (a sector's edition, an article's list).
    pub section: Option<&'static Place>,
    /// Whether its pages mark their edition in the menu of editions.
    pub edition_menu: bool,
    /// Whether it is its route's company's own page (its share card, where the site draws one
    /// per company).
    pub company_page: bool,
    /// `og:type` `article` rather than `website`.
    pub article: bool,
    /// Its pages are titled with the site's title alone.
    pub site_title: bool,
}

impl PartialEq for Place {
    fn eq(&self, other: &Place) -> bool {
        self.name == other.name
    }
}

impl Eq for Place {}

impl std::hash::Hash for Place {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl std::fmt::Debug for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// The settings of most places: a folder of their own with an `index.html`.
const PLACE: Place = Place {
    name: "",
    folder: |_, _| String::new(),
    file: "index.html",
    anywhere: false,
    section: None,
    edition_menu: false,
    company_page: false,
    article: false,
    site_title: false,
};

pub static HOME: Place = Place {
    name: "home",
    site_title: true,
    ..PLACE
};
pub static EDITION: Place = Place {
    name: "edition",
    folder: |year, _| format!("{year}/"),
    edition_menu: true,
    ..PLACE
};
pub static SECTOR: Place = Place {
    name: "sector",
    folder: |year, sector| format!("{year}/sectors/{sector}/"),
    section: Some(&EDITION),
    edition_menu: true,
    ..PLACE
};
pub static COMPANY: Place = Place {
    name: "company",
    folder: |_, company| format!("companies/{company}/"),
    company_page: true,
    ..PLACE
};
pub static ARTICLES: Place = Place {
    name: "articles",
    folder: |_, _| "articles/".to_string(),
    ..PLACE
};
pub static ARTICLE: Place = Place {
    name: "article",
    folder: |_, slug| format!("articles/{slug}/"),
    section: Some(&ARTICLES),
    article: true,
    ..PLACE
};
pub static METHODOLOGY: Place = Place {
    name: "methodology",
    folder: |_, _| "methodology/".to_string(),
    ..PLACE
};
/// A further page of an edition's full ranking (`rows_per_page` rows each; the edition's own
/// page shows the first ones). Its id is the page's number, from 2.
pub static RANKING: Place = Place {
    name: "ranking",
    folder: |year, page| format!("{year}/ranking/{page}/"),
    section: Some(&EDITION),
    edition_menu: true,
    ..PLACE
};
/// The page that confirms a company's awards in an edition, which its seals link to.
pub static VERIFY: Place = Place {
    name: "verify",
    folder: |year, company| format!("verify/{year}/{company}/"),
    section: Some(&EDITION),
    ..PLACE
};
/// Companies side by side.
pub static COMPARE: Place = Place {
    name: "compare",
    folder: |_, _| "compare/".to_string(),
    ..PLACE
};
pub static NOT_FOUND: Place = Place {
    name: "not found",
    file: "404.html",
    anywhere: true,
    ..PLACE
};

impl Route {
    /// The page at `place` picked by `year` and `id`.
    pub fn at(place: &'static Place, year: i32, id: impl Into<String>) -> Route {
        Route {
            place,
            year,
            id: id.into(),
        }
    }

    pub fn home() -> Route {
        Route::at(&HOME, 0, "")
    }

    pub fn edition(year: i32) -> Route {
        Route::at(&EDITION, year, "")
    }

    /// Page `number` (from 2) of the edition's full ranking.
    pub fn ranking_page(year: i32, number: usize) -> Route {
        Route::at(&RANKING, year, number.to_string())
    }

    pub fn sector(year: i32, sector: impl Into<String>) -> Route {
        Route::at(&SECTOR, year, sector)
    }

    pub fn company(company: impl Into<String>) -> Route {
        Route::at(&COMPANY, 0, company)
    }

    pub fn articles() -> Route {
        Route::at(&ARTICLES, 0, "")
    }

    pub fn article(slug: impl Into<String>) -> Route {
        Route::at(&ARTICLE, 0, slug)
    }

    pub fn methodology() -> Route {
        Route::at(&METHODOLOGY, 0, "")
    }

    pub fn verify(year: i32, company: impl Into<String>) -> Route {
        Route::at(&VERIFY, year, company)
    }

    pub fn compare() -> Route {
        Route::at(&COMPARE, 0, "")
    }

    pub fn not_found() -> Route {
        Route::at(&NOT_FOUND, 0, "")
    }

    /// The section the navigation marks current on this page.
    pub fn section(&self) -> Route {
        match self.place.section {
            Some(place) => Route::at(place, self.year, ""),
            None => self.clone(),
        }
    }

    /// The edition the page belongs to: its own, its sector's or its seal's.
    pub fn edition_year(&self) -> Option<i32> {
        (*self.place == EDITION || self.place.section == Some(&EDITION)).then_some(self.year)
    }
}

/// The names the build writes at the root of the site (folders and files of the first
/// language's tree, shared assets): a second language's folder must not be one of them, or its
/// pages would overwrite these.
pub const ROOT_NAMES: &[&str] = &[
    "articles",
    "assets",
    "cards",
    "companies",
    "compare",
    "methodology",
    "verify",
    "sectors",
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "search-index.js",
];

impl Route {
    /// The folder of the page under the language root, with a trailing `/` (empty for home).
    pub fn folder(&self) -> String {
        (self.place.folder)(self.year, &self.id)
    }

    /// The file written for the page, under the language root.
    pub fn file(&self) -> String {
        format!("{}{}", self.folder(), self.place.file)
    }
}

/// Every file a build writes, HTML or not: its one name, from which both the path it is written
/// to and every link to it are made. Adding a kind of file is a compile error in each `match`
/// until its path is given.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OutputFile {
    /// An HTML page.
    Page(Route),
    /// An edition's results as JSON (FORMAT.md's shape).
    RankingJson(i32),
    /// An edition's results as CSV.
    RankingCsv(i32),
    /// An edition's results as a spreadsheet in the tree's language opens them (headings in
    /// words, its decimal and list separators, a byte-order mark).
    RankingSheet(i32),
    /// A company's award seal in an edition.
    Seal { year: i32, company: String },
    /// The share card of an edition (and of its sector pages).
    EditionCard(i32),
    /// The share card of a company.
    CompanyCard(String),
    /// The Atom feed of articles.
    Feed,
    /// The search index the search box loads.
    SearchIndex,
    /// Part `n` (from 2) of the search index of a large site, which the first part lists.
    SearchIndexPart(usize),
    /// The comparison page's data, a script so that it loads from `file://` too.
    CompareData,
    /// The sitemap, one for all languages (an index of the parts on a site past the limits).
    Sitemap,
    /// Part `n` (from 1) of the sitemap of a site with more URLs than one file may hold.
    SitemapPart(usize),
    /// `robots.txt`, one for all languages.
    Robots,
    /// The stylesheet of the site's brand (`brand:` in site.yaml), one for all languages.
    BrandCss,
    /// A file of the theme's or the site's `static/` folder (stylesheet, scripts, fonts), at the
    /// same path under the output root, one for all languages.
    Asset(String),
}

impl OutputFile {
    /// Whether each language has its own copy, under its language folder.
    pub fn per_language(&self) -> bool {
        match self {
            OutputFile::Page(_)
            | OutputFile::RankingJson(_)
            | OutputFile::RankingCsv(_)
            | OutputFile::RankingSheet(_)
            | OutputFile::Seal { .. }
            | OutputFile::EditionCard(_)
            | OutputFile::CompanyCard(_)
            | OutputFile::Feed
            | OutputFile::SearchIndex
            | OutputFile::SearchIndexPart(_)
            | OutputFile::CompareData => true,
            OutputFile::Sitemap
            | OutputFile::SitemapPart(_)
            | OutputFile::Robots
            | OutputFile::BrandCss
            | OutputFile::Asset(_) => false,
        }
    }

    /// The path under the language folder (or under the output root for site-wide files).
    pub fn path(&self) -> String {
        match self {
            OutputFile::Page(route) => route.file(),
            OutputFile::RankingJson(year) => format!("{year}/ranking.json"),
            OutputFile::RankingCsv(year) => format!("{year}/ranking.csv"),
            OutputFile::RankingSheet(year) => format!("{year}/ranking-spreadsheet.csv"),
            OutputFile::Seal { year, company } => format!("{year}/badges/{company}.svg"),
            OutputFile::EditionCard(year) => format!("{year}/preview.png"),
            OutputFile::CompanyCard(company) => format!("companies/{company}/preview.png"),
            OutputFile::Feed => "atom.xml".to_string(),
            OutputFile::SearchIndex => "search-index.js".to_string(),
            OutputFile::SearchIndexPart(n) => format!("search-index-{n}.js"),
            OutputFile::CompareData => "compare/data.js".to_string(),
            OutputFile::Sitemap => "sitemap.xml".to_string(),
            OutputFile::SitemapPart(n) => format!("sitemap-{n}.xml"),
            OutputFile::Robots => "robots.txt".to_string(),
            OutputFile::BrandCss => "assets/brand.css".to_string(),
            OutputFile::Asset(path) => path.clone(),
        }
    }

    /// The path from the output root, for the language whose folder is `language_prefix`.
    pub fn output_path(&self, language_prefix: &str) -> String {
        if self.per_language() {
            format!("{language_prefix}{}", self.path())
        } else {
            self.path()
        }
    }
}

/// The folder of language `code` under the output root: empty for the default language.
pub fn language_prefix(languages: &[String], language: usize) -> String {
    if language == 0 {
        String::new()
    } else {
        format!(
            "{}/",
            languages
                .get(language)
                .map(String::as_str)
                .unwrap_or_default()
        )
    }
}

/// Builds links from one page of the output to anything else in it.
#[derive(Debug, Clone)]
pub struct Linker {
    /// From the current page's folder up to the output root: `""`, `"../"`, `"../../"`...
    pub root: String,
    /// The current language's folder under the root: `""` or `"de/"`.
    pub language_prefix: String,
    /// From the current page's folder up to its language's folder, when the page is in it: a
    /// German page links `../../2026/index.html`, not `../../../de/2026/index.html` (six bytes
    /// a link, a megabyte of a large site's second language).
    language_root: Option<String>,
}

impl Linker {
    /// A linker for the page at output path `file` (relative to the output root).
    pub fn for_file(file: &str, language_prefix: String) -> Linker {
        let language_root = file
            .strip_prefix(&language_prefix)
            .filter(|_| !language_prefix.is_empty())
            .map(|within| "../".repeat(within.matches('/').count()));
        Linker {
            root: "../".repeat(file.matches('/').count()),
            language_prefix,
            language_root,
        }
    }

    /// A linker whose links start at `root`, an absolute path such as `/reports/ranking/`.
    pub fn from_root(root: String, language_prefix: String) -> Linker {
        Linker {
            root,
            language_prefix,
            language_root: None,
        }
    }

    /// A page in the current language.
    pub fn page(&self, route: &Route) -> String {
        self.to(&format!("{}{}", self.language_prefix, route.file()))
    }

    /// The link to `path` (from the output root): through the language's folder when both are
    /// in it, else through the root.
    fn to(&self, path: &str) -> String {
        match (&self.language_root, path.strip_prefix(&self.language_prefix)) {
            (Some(up), Some(within)) => format!("{up}{within}"),
            _ => format!("{}{path}", self.root),
        }
    }

    /// A page in another language (language switcher, alternates).
    pub fn page_in(&self, prefix: &str, route: &Route) -> String {
        format!("{}{prefix}{}", self.root, route.file())
    }

    /// Any file of the build, in the current language where it has one per language.
    pub fn file(&self, file: &OutputFile) -> String {
        self.to(&file.output_path(&self.language_prefix))
    }

    /// A shared asset at the output root (stylesheet, fonts).
    pub fn asset(&self, path: &str) -> String {
        self.file(&OutputFile::Asset(path.to_string()))
    }
}

/// The path part of `base_url` ("/" or "/reports/ranking/"): where the site's root is on its host.
pub fn site_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(slash) => after_scheme[slash..].to_string(),
        None => "/".to_string(),
    }
}

/// The absolute URL of any output file (share cards, seals in embed code).
pub fn absolute_file_url(base_url: &str, language_prefix: &str, file: &OutputFile) -> String {
    format!("{base_url}{}", file.output_path(language_prefix))
}

/// The absolute URL of a page, for canonical links, the sitemap and feeds.
pub fn absolute_url(base_url: &str, language_prefix: &str, route: &Route) -> String {
    format!("{base_url}{language_prefix}{}", route.folder())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of output file, written at its path and linked to from pages at every depth:
    /// the link from a page, resolved against the page's folder, is the file's path.
    #[test]
    fn every_output_file_is_linked_where_it_is_written() {
        let files = [
            OutputFile::Page(Route::home()),
            OutputFile::Page(Route::edition(2026)),
            OutputFile::Page(Route::sector(2026, "telecom")),
            OutputFile::Page(Route::company("acme")),
            OutputFile::Page(Route::articles()),
            OutputFile::Page(Route::article("news")),
            OutputFile::Page(Route::methodology()),
            OutputFile::Page(Route::not_found()),
            OutputFile::RankingJson(2026),
            OutputFile::RankingCsv(2026),
            OutputFile::Seal {
                year: 2026,
                company: "acme".into(),
            },
            OutputFile::EditionCard(2026),
            OutputFile::CompanyCard("acme".into()),
            OutputFile::Feed,
            OutputFile::SearchIndex,
            OutputFile::CompareData,
            OutputFile::Sitemap,
            OutputFile::Robots,
            OutputFile::Asset("assets/style.css".into()),
        ];
        for prefix in ["", "de/"] {
            for from in &files {
                let from_path = from.output_path(prefix);
                let linker = Linker::for_file(&from_path, prefix.to_string());
                for to in &files {
                    let link = linker.file(to);
                    // Resolve the relative link against the folder of `from`.
                    let mut parts: Vec<&str> = from_path.split('/').collect();
                    parts.pop();
                    for step in link.split('/') {
                        match step {
                            ".." => {
                                parts.pop();
                            }
                            other => parts.push(other),
                        }
                    }
                    assert_eq!(
                        parts.join("/"),
                        to.output_path(prefix),
                        "{from:?} -> {to:?}"
                    );
                }
            }
        }
        assert_eq!(OutputFile::Sitemap.output_path("de/"), "sitemap.xml");
        assert_eq!(
            OutputFile::Seal {
                year: 2026,
                company: "acme".into()
            }
            .output_path("de/"),
            "de/2026/badges/acme.svg"
        );
    }

    #[test]
    fn links_are_relative_to_the_current_page() {
        let linker = Linker::for_file("de/2026/sectors/telecom/index.html", "de/".into());
        // Within the German tree, without going up to the root and back into de/.
        assert_eq!(
            linker.page(&Route::company("acme")),
            "../../../companies/acme/index.html"
        );
        assert_eq!(
            linker.file(&OutputFile::RankingJson(2026)),
            "../../../2026/ranking.json"
        );
        assert_eq!(
            linker.page_in("", &Route::company("acme")),
            "../../../../companies/acme/index.html"
        );
        assert_eq!(
            linker.asset("assets/style.css"),
            "../../../../assets/style.css"
        );
        let home = Linker::for_file("index.html", String::new());
        assert_eq!(home.page(&Route::edition(2026)), "2026/index.html");
        assert_eq!(
            absolute_url("https://x.org/", "de/", &Route::methodology()),
            "https://x.org/de/methodology/"
        );
    }
}
