//! What scoring produces for an edition: ranked and not-ranked companies, sectors, averages and
//! change, with the statistics of respondent-level results. Types only (and their accessors):
//! `scoring` and `statistics` both build on them, neither on the other's types.

use crate::model::reasons::NotRankedReason;

/// Change against the latest earlier edition in which the company was ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// This edition's rounded score minus the earlier one's, in display units.
    pub score_units: i64,
    /// Places gained: earlier rank minus this rank.
    pub rank: i64,
    /// Places gained in the sector: the earlier sector rank minus this one, when the company was
    /// in the same sector then (`None` when it moved sectors: the places do not compare).
    pub sector_rank: Option<i64>,
    /// The year compared with.
    pub since: i32,
    /// Whether the change of score is beyond sampling error (STATISTICS.md v3, step 13); `None`
    /// unless both editions have an interval.
    pub significant: Option<bool>,
}

/// One ranked company in one edition. The default is an entry of nothing yet: no scores, no
/// rank, no statistics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranked {
    pub company: usize,
    /// The company's sector in this edition (see `Submission::sector`).
    pub sector: usize,
    pub responses: Option<u64>,
    /// Full precision.
    pub score: f64,
    /// `score` in display units: the figure published and the one ties are decided on.
    pub units: i64,
    /// Full precision, indexed like `Methodology::perspectives`.
    pub perspective_scores: Vec<f64>,
    /// Full precision (0 to 100), indexed like `Methodology::criteria`.
    pub criterion_scores: Vec<f64>,
    /// Standard error of `score`: respondent-level results only, `None` when unknown, 0 when
    /// every perspective is a census.
    pub se: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom of `se`, when it is known and above 0.
    pub df: Option<f64>,
    /// n_eff per perspective; `None` for pre-aggregated results.
    pub effective: Option<Vec<f64>>,
    /// Counted respondents per perspective; `None` for pre-aggregated results.
    pub respondents: Option<Vec<u64>>,
    /// Answers per criterion; `None` for pre-aggregated results.
    pub criteria_n: Option<Vec<u64>>,
    /// The confidence interval in display units, when the standard error is known.
    pub ci: Option<(i64, i64)>,
    /// Plausible ranks (best, worst) in the edition and in the sector, when known.
    pub rank_range: Option<(usize, usize)>,
    pub sector_rank_range: Option<(usize, usize)>,
    /// Index into `Methodology::tiers`.
    pub tier: Option<usize>,
    /// Per criterion, the confidence interval of its score in display units, when known.
    pub criterion_ci: Option<Vec<Option<(i64, i64)>>>,
    /// Per criterion, the standard error of its score (0 for a census), when known; `None`
    /// for pre-aggregated results.
    pub criterion_se: Option<Vec<Option<f64>>>,
    pub rank: usize,
    /// Another company shares `rank`.
    pub tied: bool,
    pub sector_rank: usize,
    /// Another company of the sector shares `sector_rank`.
    pub sector_tied: bool,
    pub top: bool,
    pub sector_winner: bool,
    pub change: Option<Change>,
}

impl Ranked {
    /// The place as every page, card and seal writes it: "7", or "7=" when shared.
    pub fn place(&self) -> String {
        format!("{}{}", self.rank, if self.tied { "=" } else { "" })
    }

    /// Whether the company earned a seal in this edition: a tier, a sector win or the top list.
    pub fn awarded(&self) -> bool {
        self.top || self.sector_winner || self.tier.is_some()
    }

    /// STATISTICS.md v3, step 12: in a respondent-level edition a sector win is clear only when
    /// the winner's plausible sector places are exactly {1}; otherwise, and always when its
    /// standard error is unknown, the lead is within the margin of error. Pre-aggregated
    /// editions name winners without a qualifier.
    pub fn narrow_win(&self) -> bool {
        self.sector_winner && self.respondents.is_some() && self.sector_rank_range != Some((1, 1))
    }

    /// For a sector winner of a respondent-level edition, whether its win is clear (the
    /// exports' `winner_clear`); `None` otherwise.
    pub fn winner_clear(&self) -> Option<bool> {
        (self.sector_winner && self.respondents.is_some()).then(|| !self.narrow_win())
    }

    /// Score of perspective `index` (indexed like `Methodology::perspectives`).
    #[allow(clippy::indexing_slicing)]
    pub fn perspective_score(&self, index: usize) -> f64 {
        self.perspective_scores[index]
    }

    /// Score of criterion `index` (indexed like `Methodology::criteria`).
    #[allow(clippy::indexing_slicing)]
    pub fn criterion_score(&self, index: usize) -> f64 {
        self.criterion_scores[index]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NotRanked {
    pub company: usize,
    /// The company's sector in this edition.
    pub sector: usize,
    pub responses: Option<u64>,
    pub reasons: Vec<NotRankedReason>,
    /// Counted respondents per perspective; `None` for pre-aggregated results.
    pub respondents: Option<Vec<u64>>,
}

/// Averages are unweighted means over ranked companies; `None` when there are none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Averages {
    pub score: Option<f64>,
    pub perspectives: Vec<Option<f64>>,
    pub criteria: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectorResults {
    pub sector: usize,
    /// Indices into `EditionResults::ranked`, in rank order.
    pub ranked: Vec<usize>,
    /// Indices into `EditionResults::not_ranked`.
    pub not_ranked: Vec<usize>,
    pub averages: Averages,
    /// Whether the sector has enough ranked companies for a winner to be named.
    pub names_winner: bool,
}

/// Where a company stands in one edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Ranked(usize),
    NotRanked(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EditionResults {
    pub year: i32,
    /// In rank order; companies sharing a rank are ordered by name.
    pub ranked: Vec<Ranked>,
    /// Ordered by name.
    pub not_ranked: Vec<NotRanked>,
    /// Indexed like `Site::sectors`.
    pub sectors: Vec<SectorResults>,
    pub averages: Averages,
    /// Indexed like `Site::companies`; `None` where the company took no part.
    pub standings: Vec<Option<Standing>>,
    /// The respondents of each perspective over every company (see `respondents_total`),
    /// summed once: every chart's source line names them.
    pub respondents_totals: Vec<Option<u64>>,
}

impl EditionResults {
    /// The ranked entry at an index taken from this edition's own lists (sector lists,
    /// standings), which scoring builds together with `ranked`.
    #[allow(clippy::indexing_slicing)]
    pub fn ranked_at(&self, index: usize) -> &Ranked {
        &self.ranked[index]
    }

    /// The respondents of perspective `perspective` over every company of the edition, ranked
    /// or not (STATISTICS.md: the one definition every page uses); `None` for pre-aggregated
    /// results.
    pub fn respondents_total(&self, perspective: usize) -> Option<u64> {
        self.respondents_totals.get(perspective).copied().flatten()
    }

    /// The not-ranked entry at an index from this edition's own lists.
    #[allow(clippy::indexing_slicing)]
    pub fn not_ranked_at(&self, index: usize) -> &NotRanked {
        &self.not_ranked[index]
    }

    /// A sector's results; `sectors` is indexed like `Site::sectors`.
    #[allow(clippy::indexing_slicing)]
    pub fn sector(&self, index: usize) -> &SectorResults {
        &self.sectors[index]
    }

    pub fn standing(&self, company: usize) -> Option<Standing> {
        self.standings.get(company).copied().flatten()
    }

    /// Whether a sector has a page in this edition: someone from it took part.
    pub fn has_sector_page(&self, sector: usize) -> bool {
        self.sectors
            .get(sector)
            .is_some_and(|s| !s.ranked.is_empty() || !s.not_ranked.is_empty())
    }

    /// The sector `company` had in this edition, if it took part.
    pub fn sector_of(&self, company: usize) -> Option<usize> {
        match self.standing(company)? {
            Standing::Ranked(index) => self.ranked.get(index).map(|e| e.sector),
            Standing::NotRanked(index) => self.not_ranked.get(index).map(|e| e.sector),
        }
    }

    pub fn ranked_entry(&self, company: usize) -> Option<&Ranked> {
        match self.standing(company)? {
            Standing::Ranked(index) => self.ranked.get(index),
            Standing::NotRanked(_) => None,
        }
    }

    pub fn top_list(&self) -> impl Iterator<Item = &Ranked> {
        self.ranked.iter().filter(|entry| entry.top)
    }

    pub fn winners(&self) -> impl Iterator<Item = &Ranked> {
        self.ranked.iter().filter(|entry| entry.sector_winner)
    }
}
