//! Where each page lives in the output and how pages link to each other.
//!
//! Links between pages are relative and name the file (`../companies/x/index.html`), so the same
//! output works at a domain root, under any subpath and opened from disk. Only the sitemap, the
//! feed and canonical/alternate links use the absolute `base_url`.

/// A page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    Home,
    Edition(i32),
    Sector(i32, String),
    Company(String),
    Articles,
    Article(String),
    Methodology,
    NotFound,
}

impl Route {
    /// The folder of the page under the language root, with a trailing `/` (empty for home).
    pub fn folder(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Edition(year) => format!("{year}/"),
            Route::Sector(year, sector) => format!("{year}/sectors/{sector}/"),
            Route::Company(company) => format!("companies/{company}/"),
            Route::Articles => "articles/".to_string(),
            Route::Article(slug) => format!("articles/{slug}/"),
            Route::Methodology => "methodology/".to_string(),
            Route::NotFound => String::new(),
        }
    }

    /// The file written for the page, under the language root.
    pub fn file(&self) -> String {
        match self {
            Route::NotFound => "404.html".to_string(),
            _ => format!("{}index.html", self.folder()),
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
}

impl Linker {
    /// A linker for the page at output path `file` (relative to the output root).
    pub fn for_file(file: &str, language_prefix: String) -> Linker {
        Linker {
            root: "../".repeat(file.matches('/').count()),
            language_prefix,
        }
    }

    /// A linker whose links start at `root`, an absolute path such as `/reports/ranking/`.
    pub fn from_root(root: String, language_prefix: String) -> Linker {
        Linker {
            root,
            language_prefix,
        }
    }

    /// A page in the current language.
    pub fn page(&self, route: &Route) -> String {
        format!("{}{}{}", self.root, self.language_prefix, route.file())
    }

    /// A page in another language (language switcher, alternates).
    pub fn page_in(&self, prefix: &str, route: &Route) -> String {
        format!("{}{prefix}{}", self.root, route.file())
    }

    /// A file under the current language's folder (JSON, CSV, badges).
    pub fn language_file(&self, path: &str) -> String {
        format!("{}{}{path}", self.root, self.language_prefix)
    }

    /// A shared asset at the output root (stylesheet, fonts).
    pub fn asset(&self, path: &str) -> String {
        format!("{}{path}", self.root)
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

/// The absolute URL of a page, for canonical links, the sitemap and feeds.
pub fn absolute_url(base_url: &str, language_prefix: &str, route: &Route) -> String {
    format!("{base_url}{language_prefix}{}", route.folder())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_current_page() {
        let linker = Linker::for_file("de/2026/sectors/telecom/index.html", "de/".into());
        assert_eq!(
            linker.page(&Route::Company("acme".into())),
            "../../../../de/companies/acme/index.html"
        );
        assert_eq!(
            linker.asset("assets/style.css"),
            "../../../../assets/style.css"
        );
        let home = Linker::for_file("index.html", String::new());
        assert_eq!(home.page(&Route::Edition(2026)), "2026/index.html");
        assert_eq!(
            absolute_url("https://x.org/", "de/", &Route::Methodology),
            "https://x.org/de/methodology/"
        );
    }
}
