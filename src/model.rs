//! The validated site: every id resolved to an index, every value on its scale, every text
//! resolved for every language. Later stages rely on these invariants and never re-check them.

use crate::date::Date;
use crate::text::Text;

#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub methodology: Methodology,
    pub sectors: Vec<Sector>,
    pub companies: Vec<Company>,
    /// Ordered by year, oldest first.
    pub editions: Vec<Edition>,
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: Text,
    pub description: Option<Text>,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    /// At least one; the first is the default language served at the root.
    pub languages: Vec<String>,
    pub theme: String,
    pub top: usize,
    pub precision: u32,
    pub min_sector_size: usize,
    pub allow_html: bool,
}

#[derive(Debug, Clone)]
pub struct Methodology {
    pub min_responses: u64,
    pub perspectives: Vec<Perspective>,
    /// Every criterion of every perspective, in the order of the file.
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone)]
pub struct Perspective {
    pub id: String,
    pub name: Text,
    pub description: Option<Text>,
    pub weight: f64,
    pub scale: Scale,
    pub higher_is_better: bool,
    /// Indices into `Methodology::criteria`.
    pub criteria: std::ops::Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub name: Text,
    pub question: Option<Text>,
    pub weight: f64,
    /// Index into `Methodology::perspectives`.
    pub perspective: usize,
}

#[derive(Debug, Clone)]
pub struct Sector {
    pub id: String,
    pub name: Text,
    pub description: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Company {
    pub id: String,
    pub name: Text,
    /// Index into `Site::sectors`.
    pub sector: usize,
    pub website: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Edition {
    pub year: i32,
    pub title: Option<Text>,
    pub published: Option<Date>,
    pub respondents: Option<u64>,
    pub submissions: Vec<Submission>,
}

/// One company's raw results in one edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// Index into `Site::companies`.
    pub company: usize,
    pub responses: Option<u64>,
    /// Raw values on the perspective's scale, indexed like `Methodology::criteria`.
    pub values: Vec<Option<f64>>,
}

impl Site {
    pub fn language_count(&self) -> usize {
        self.config.languages.len()
    }
}

impl Methodology {
    pub fn criterion_index(&self, id: &str) -> Option<usize> {
        self.criteria
            .iter()
            .position(|criterion| criterion.id == id)
    }
}
