//! The input files as they are written: serde types that mirror the YAML one to one. Nothing
//! here is checked beyond its shape; `validate` turns these into the `model`.

use serde::Deserialize;
use serde_yaml::Value;

use crate::model::text::RawText;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSiteConfig {
    pub title: RawText,
    pub description: Option<RawText>,
    /// Who publishes the ranking, as seals and verification pages name it (the title if absent).
    pub publisher: Option<RawText>,
    /// A line every page shows under its header and in its footer, such as "Example site: all
    /// figures are fictional" (none if absent).
    pub notice: Option<RawText>,
    pub base_url: String,
    pub languages: Option<Vec<String>>,
    pub theme: Option<String>,
    pub top: Option<u64>,
    /// Rows of an edition's full ranking per page (`rows_per_page`, default 100).
    pub rows_per_page: Option<u64>,
    pub precision: Option<u32>,
    pub min_sector_size: Option<u64>,
    pub markdown: Option<RawMarkdownConfig>,
    pub share_images: Option<crate::model::ShareImages>,
    pub system_fonts: Option<bool>,
    /// Where the site is published: a host's id or limits of one's own (model/hosting.rs).
    pub hosting: Option<serde_yaml::Value>,
    /// The publisher's colours, logo and font (model/brand.rs).
    pub brand: Option<serde_yaml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarkdownConfig {
    pub allow_html: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMethodology {
    pub min_responses: Option<u64>,
    /// The level of every interval and test (STATISTICS.md), 0.80 to 0.999.
    pub confidence: Option<f64>,
    /// ν₀, the prior degrees of freedom of the moderated variance (STATISTICS.md v3, step 5).
    pub variance_prior_df: Option<f64>,
    /// Award tiers by the lower bound of the interval.
    pub tiers: Option<Vec<RawTier>>,
    pub perspectives: Vec<RawPerspective>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    pub id: String,
    pub name: RawText,
    pub min_score: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerspective {
    pub id: String,
    pub name: RawText,
    pub description: Option<RawText>,
    /// `None` when left out (weight 1), `Some(None)` when written empty (`weight:`), an error.
    #[serde(default, deserialize_with = "given")]
    pub weight: Option<Option<f64>>,
    pub scale: RawScale,
    pub higher_is_better: Option<bool>,
    /// `false` for a census or audit: no sampling error.
    pub sampled: Option<bool>,
    /// Respondents this perspective needs for a company to be ranked.
    pub min_responses: Option<u64>,
    /// Answers each criterion needs per company (STATISTICS.md v3).
    pub min_answers: Option<u64>,
    /// Codes that mean "not answered" in respondent files.
    pub not_answered: Option<Vec<f64>>,
    pub criteria: Vec<RawCriterion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: String,
    pub name: RawText,
    /// `None` when left out (weight 1), `Some(None)` when written empty (`weight:`), an error.
    #[serde(default, deserialize_with = "given")]
    pub weight: Option<Option<f64>>,
    pub question: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSector {
    pub id: String,
    pub name: RawText,
    pub description: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompany {
    pub id: String,
    pub name: RawText,
    pub sector: String,
    pub website: Option<String>,
}

/// `year`, `published` and the result values stay untyped so that a wrong value is reported
/// with its own message and the rest of the file is still checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEdition {
    pub year: Value,
    pub title: Option<RawText>,
    pub published: Option<Value>,
    /// The last day this edition's seals are valid (an optional key beyond FORMAT.md).
    pub valid_until: Option<Value>,
    pub respondents: Option<u64>,
    /// The sheet to read in this edition's spreadsheets (an optional key beyond FORMAT.md);
    /// the first sheet when absent.
    pub sheet: Option<String>,
    /// Columns of this edition's results table that hold labels for people, not data (a name,
    /// a region), left out when the table is read (an optional key beyond FORMAT.md).
    pub ignore_columns: Option<Vec<String>>,
    /// Companies of the catalogue that did not take part in this edition (an optional key
    /// beyond FORMAT.md): a company with results in an earlier edition and none in this one is
    /// a warning unless it is listed here.
    pub not_participating: Option<Vec<String>>,
    /// How the survey was done (STATISTICS.md v3, "Survey disclosure").
    pub survey: Option<RawSurvey>,
    pub results: Option<Vec<RawResult>>,
}

/// The `survey:` block of an edition: every key optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSurvey {
    pub fieldwork: Option<RawFieldwork>,
    pub population: Option<RawText>,
    pub sample_source: Option<RawText>,
    pub probability: Option<bool>,
    pub mode: Option<RawText>,
    pub sponsor: Option<RawText>,
    pub agency: Option<RawText>,
    pub weighting: Option<RawText>,
    pub response_rate: Option<RawRate>,
    pub questionnaire: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFieldwork {
    pub start: Value,
    pub end: Value,
}

/// A response rate: a share from 0 to 1 (0.12 for 12 %), or a text such as "12 % (AAPOR RR3)".
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawRate {
    Share(f64),
    Text(RawText),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResult {
    pub company: String,
    /// The company's sector in this edition, when it differs from `companies.yaml` today.
    pub sector: Option<String>,
    pub responses: Option<Value>,
    pub scores: Option<crate::input::unique_map::UniqueMap<Value>>,
}

/// Front matter of a Markdown file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Option<String>,
    pub date: Option<Value>,
    pub summary: Option<String>,
    pub draft: Option<bool>,
    pub extra: Option<Value>,
    /// The language the text is written in, when it is not the file's (an unsuffixed file is
    /// the site's first language's): its `lang` on the page.
    pub lang: Option<String>,
    /// Where a page's commentary goes among the sections the page generates: `before` them or
    /// `after` them (the theme's choice per page kind when absent).
    pub placement: Option<String>,
}

/// Tells a key written with no value (`weight:`, YAML null) from a key left out: the first is
/// `Some(None)`, the second `None` (through `#[serde(default)]`).
fn given<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
