//! The validated site: every id resolved to an index, every value on its scale, every text
//! resolved for every language. Later stages rely on these invariants and never re-check them.

pub mod brand;
pub mod hosting;
pub mod leaders;
pub mod raw;
pub mod reasons;
pub mod results;
pub mod scoring;
pub mod statistics;
pub mod text;
pub mod validate;

use crate::date::Date;
use crate::model::text::Text;

#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub methodology: Methodology,
    pub sectors: Vec<Sector>,
    pub companies: Vec<Company>,
    /// Ordered by year, oldest first.
    pub editions: Vec<Edition>,
    /// Index of every company and sector by id, for lookups by id in commentary and embeds.
    pub index: Index,
}

/// Positions in `Site::companies` and `Site::sectors` by id.
#[derive(Debug, Clone, Default)]
pub struct Index {
    companies: std::collections::HashMap<String, usize>,
    sectors: std::collections::HashMap<String, usize>,
}

impl Index {
    pub fn new(sectors: &[Sector], companies: &[Company]) -> Index {
        Index {
            companies: companies
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i))
                .collect(),
            sectors: sectors
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: Text,
    pub description: Option<Text>,
    /// Who publishes the ranking, named on seals and verification pages; the title if `None`.
    pub publisher: Option<Text>,
    /// A line shown on every page, under the header and in the footer.
    pub notice: Option<Text>,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    /// At least one; the first is the default language served at the root.
    pub languages: Vec<String>,
    pub theme: String,
    pub top: usize,
    /// Rows of an edition's full ranking on each of its pages: the edition page shows the
    /// first ones, and pages `ranking/2/`, `ranking/3/`… the rest (`rows_per_page`, default 100).
    pub rows_per_page: usize,
    pub precision: u32,
    pub min_sector_size: usize,
    pub allow_html: bool,
    pub share_images: ShareImages,
    /// Share cards may use system fonts for characters the theme's fonts lack (`system_fonts`
    /// in site.yaml, default true); false keeps the cards the same on every machine.
    pub system_fonts: bool,
    /// The host the site is published on (`hosting:` in site.yaml): a build that would not fit
    /// its limits is refused.
    pub hosting: Option<hosting::Hosting>,
    /// The publisher's colours, logo and font (`brand:` in site.yaml); `None`: the theme's.
    pub brand: Option<brand::Brand>,
    /// The site's `static/assets/custom.css`, linked after the theme's stylesheet, is there.
    pub custom_stylesheet: bool,
}

/// Which pages get a PNG share card of their own (`share_images` in site.yaml). A card takes a
/// quarter of a millisecond of processor time and 12 KB: at 10,000 companies in two languages,
/// a card per company was 246 MB of an 781 MB site and a third of the build's processor time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShareImages {
    /// A card per edition, and one per company whose latest ranked result earned a seal or a
    /// tier (the companies that announce their result); other company pages share the latest
    /// edition's.
    #[default]
    Awards,
    /// A card per company and per edition.
    All,
    /// A card per edition; company pages share the latest edition's.
    Editions,
    /// No PNG cards and no `og:image`.
    None,
}

#[derive(Debug, Clone)]
pub struct Methodology {
    pub min_responses: u64,
    /// The confidence level of intervals and rank ranges (0.95 unless set).
    pub confidence: f64,
    /// z = Φ⁻¹((1 + confidence) / 2): 1.96 at 0.95.
    pub z: f64,
    /// ν₀ of the moderated variance (STATISTICS.md v3, step 5): 10 unless set, 0 turns it off.
    pub variance_prior_df: f64,
    /// Award tiers, highest `min_score` first.
    pub tiers: Vec<Tier>,
    pub perspectives: Vec<Perspective>,
    /// Every criterion of every perspective, in the order of the file.
    pub criteria: Vec<Criterion>,
}

/// An award tier: a company whose interval's lower bound reaches `min_score` earns it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub id: String,
    pub name: Text,
    pub min_score: f64,
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
    /// Whether the perspective's respondents are a sample (false: a census or audit).
    pub sampled: bool,
    /// Respondents a company needs in this perspective to be ranked (respondent-level data).
    pub min_responses: u64,
    /// Answers each criterion of the perspective needs per company for the company to be
    /// ranked and the criterion's leader to be named (respondent-level data).
    pub min_answers: u64,
    /// Values that mean "not answered" in respondent files.
    pub not_answered: Vec<f64>,
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
    /// The last day the edition's seals are valid.
    pub valid_until: Option<Date>,
    pub respondents: Option<u64>,
    pub submissions: Vec<Submission>,
    /// Companies (indices into `Site::companies`) the edition says did not take part.
    pub not_participating: Vec<usize>,
    /// How the survey was done, as the edition's file discloses it.
    pub survey: Option<Survey>,
}

/// The disclosure of how an edition's survey was done (STATISTICS.md v3): the items the AAPOR
/// code and ISO 20252 ask a publisher to state. Every item optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Survey {
    pub fieldwork: Option<(Date, Date)>,
    pub population: Option<Text>,
    pub sample_source: Option<Text>,
    /// A probability sample (`true`) or an opt-in panel (`false`).
    pub probability: Option<bool>,
    pub mode: Option<Text>,
    pub sponsor: Option<Text>,
    pub agency: Option<Text>,
    pub weighting: Option<Text>,
    pub response_rate: Option<ResponseRate>,
    pub questionnaire: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ResponseRate {
    /// 0 to 1.
    Share(f64),
    Text(Text),
}

/// One company's raw results in one edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    /// Index into `Site::companies`.
    pub company: usize,
    /// Index into `Site::sectors`: the sector the company had in this edition, which is its
    /// sector in `companies.yaml` unless the edition's row says otherwise.
    pub sector: usize,
    pub responses: Option<u64>,
    /// Raw values on the perspective's scale, indexed like `Methodology::criteria` (pre-aggregated
    /// results; empty for respondent-level ones).
    pub values: Vec<Option<f64>>,
    /// Criteria (indices into `Methodology::criteria`) whose key the row leaves out altogether,
    /// rather than giving it an empty value: the reason for not ranking says so.
    pub left_out: Vec<usize>,
    /// What the respondents' answers say, for respondent-level results (STATISTICS.md).
    pub sample: Option<Sample>,
}

/// A company's respondent-level results in one edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Indexed like `Methodology::perspectives`.
    pub perspectives: Vec<PerspectiveSample>,
    /// Indexed like `Methodology::criteria`.
    pub criteria: Vec<CriterionSample>,
}

/// One perspective of one company, condensed from its respondents (STATISTICS.md v3, steps 2
/// to 5): what scoring needs, before the edition's pooled variance moderates it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerspectiveSample {
    /// n: respondents who answered at least one criterion of the perspective.
    pub respondents: u64,
    /// n_eff = (Σ g)² / Σ g², Kish's effective number of respondents (n without weights).
    pub effective: f64,
    /// P = Σ a_k S_k, the weighted mean of the criterion scores (0 to 100); `None` unless every
    /// criterion was answered at least once.
    pub score: Option<f64>,
    /// ŝ² = n_eff · V̂, the per-respondent variance by linearisation; `None` with fewer than two
    /// respondents or without `score`.
    pub variance: Option<f64>,
}

/// One criterion of one company: how many answered it, their weighted mean points (0 to 100)
/// and the per-respondent variance of that mean (`None` with fewer than two answers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionSample {
    /// n_k, a count (unweighted).
    pub answers: u64,
    /// n_eff,k of the answerers' weights.
    pub effective: f64,
    /// S_k = Σ g y / Σ g over the answers; 0 without answers.
    pub mean: f64,
    pub variance: Option<f64>,
}

impl Site {
    pub fn language_count(&self) -> usize {
        self.config.languages.len()
    }

    /// Edition `year`'s title in language number `language`: its own `title`, else the site's
    /// title and the year.
    pub fn edition_title(&self, year: i32, language: usize) -> String {
        match self.edition(year).and_then(|e| e.title.as_ref()) {
            Some(title) => title.get(language).to_string(),
            None => format!("{} {year}", self.config.title.get(language)),
        }
    }

    /// The facts of edition `year` (its title, dates, survey), if it has a file.
    pub fn edition(&self, year: i32) -> Option<&Edition> {
        self.editions.iter().find(|e| e.year == year)
    }

    // The accessors below index with positions that validation produced and that every later
    // stage only passes along: they are in range by construction (see the module comment). They
    // are the one place that relies on it, instead of a bare `[i]` at every use.

    /// The company at a validated index.
    #[allow(clippy::indexing_slicing)]
    pub fn company(&self, index: usize) -> &Company {
        &self.companies[index]
    }

    /// The sector at a validated index.
    #[allow(clippy::indexing_slicing)]
    pub fn sector(&self, index: usize) -> &Sector {
        &self.sectors[index]
    }

    pub fn company_index(&self, id: &str) -> Option<usize> {
        self.index.companies.get(id).copied()
    }

    pub fn sector_index(&self, id: &str) -> Option<usize> {
        self.index.sectors.get(id).copied()
    }

    /// For `text`, a year that is no edition's, the suggestion of the nearest edition (the later
    /// of two as near), not the one spelt most alike: 2027 is nearer 2026 than 2025. Text that is
    /// no year gets the edition spelt most alike.
    pub fn edition_hint(&self, text: &str) -> Option<String> {
        let nearest = text.parse::<i64>().ok().and_then(|wanted| {
            self.editions
                .iter()
                .min_by_key(|e| ((i64::from(e.year) - wanted).abs(), -i64::from(e.year)))
                .map(|e| crate::diagnostics::suggestion(&e.year.to_string()))
        });
        nearest.or_else(|| {
            let years: Vec<String> = self.editions.iter().map(|e| e.year.to_string()).collect();
            crate::diagnostics::did_you_mean(text, years.iter().map(String::as_str))
        })
    }
}

impl SiteConfig {
    /// The first language, served at the site's root; validation guarantees there is one.
    #[allow(clippy::indexing_slicing)]
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// The code of language `index` (an index into `languages`).
    #[allow(clippy::indexing_slicing)]
    pub fn language(&self, index: usize) -> &str {
        &self.languages[index]
    }
}

impl Methodology {
    /// The criterion at a validated index.
    #[allow(clippy::indexing_slicing)]
    pub fn criterion(&self, index: usize) -> &Criterion {
        &self.criteria[index]
    }

    /// The perspective at a validated index.
    #[allow(clippy::indexing_slicing)]
    pub fn perspective(&self, index: usize) -> &Perspective {
        &self.perspectives[index]
    }

    pub fn criterion_index(&self, id: &str) -> Option<usize> {
        self.criteria
            .iter()
            .position(|criterion| criterion.id == id)
    }
}
