//! What a kind of page is, as one descriptor: which pages of the kind there are, where each
//! lives, which template shows it, what its fingerprint depends on, how its view is built and
//! whether it has a share card. Each page kind's descriptor sits beside its view (`KIND` in
//! `home.rs`, `company.rs`…), and [`super::PAGE_KINDS`] lists them; the build and the
//! fingerprints read the descriptors and match on no kind. Adding a kind of page is its view
//! file with its descriptor, a line in that list, and its template (ARCHITECTURE.md).

use serde::Serialize;

use crate::draw::previews::Card;
use crate::model::results::EditionResults;
use crate::render::erased;
use crate::routes::Route;

use super::{Layout, PAGE_KINDS, SiteData, ViewBuilder, ViewError};

/// One page of one language tree: its kind and the numbers that pick it among the kind's pages
/// (an edition's year, an index into the companies, sectors or articles; unused ones are 0).
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub kind: &'static PageKind,
    pub year: i32,
    pub index: usize,
}

impl Page {
    /// Where the page lives.
    pub fn route(&self, data: &SiteData) -> Route {
        (self.kind.route)(data, self.year, self.index)
    }

    /// The page's view, or `None` when the page has nothing to show in this language (an
    /// article without a translation, a verify page of a seal not earned).
    pub fn view(&self, builder: &ViewBuilder) -> Result<Option<Built>, ViewError> {
        (self.kind.view)(builder, self.year, self.index)
    }

    /// The page's own share card with the site's `share_images`, if it has one.
    pub fn card(&self, builder: &ViewBuilder) -> Option<Card> {
        if !self.has_card(builder.data) {
            return None;
        }
        (self.kind.card.as_ref()?.draw)(builder, self.year, self.index)
    }

    /// Whether the page draws a card of its own with the site's `share_images`.
    pub fn has_card(&self, data: &SiteData) -> bool {
        self.kind
            .card
            .as_ref()
            .is_some_and(|card| (card.when)(data, self.index))
    }
}

/// The data a page shows, for its fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataScope {
    /// Every data file: rankings, sectors, anything showing many companies.
    All,
    /// The catalogue and the part of the data about the company `index` names.
    Company,
}

/// The commentary a page shows, for its fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentaryScope {
    None,
    /// All of it, and which files there are (lists, excerpts, the search).
    All,
    /// The commentary of the company `index` names.
    Company,
    /// The commentary of the sector `index` names.
    Sector,
    /// The commentary of the edition `year` names.
    Edition,
    Methodology,
}

/// Which pages of a kind there are in one language tree.
#[derive(Clone, Copy)]
pub enum Plan {
    /// One page, where the site has it.
    One(fn(&SiteData) -> bool),
    /// A page for each index below the count.
    Each(fn(&SiteData) -> usize),
    /// Pages in each edition, by index. Consecutive kinds planned this way are listed edition
    /// by edition (an edition, then its sectors), as readers and the sitemap expect.
    PerEdition(fn(&SiteData, &EditionResults) -> Vec<usize>),
}

/// A page kind's share card.
pub struct CardKind {
    /// Whether the page of this index draws its own card with the site's `share_images`.
    pub when: fn(&SiteData, usize) -> bool,
    pub draw: fn(&ViewBuilder, i32, usize) -> Option<Card>,
}

/// Everything the build knows of one kind of page.
pub struct PageKind {
    /// For messages and fingerprints.
    pub name: &'static str,
    /// The theme's template for the kind (the theme must have one for every kind).
    pub template: &'static str,
    pub plan: Plan,
    pub route: fn(&SiteData, i32, usize) -> Route,
    pub data: DataScope,
    pub commentary: CommentaryScope,
    pub view: fn(&ViewBuilder, i32, usize) -> Result<Option<Built>, ViewError>,
    pub card: Option<CardKind>,
}

impl std::fmt::Debug for PageKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// A page's view, ready for its template: the frame, the page's own data, and how many charts
/// it shows (for the build's summary).
pub struct Built {
    pub layout: Layout,
    pub page: Box<dyn erased::Value>,
    pub charts: usize,
}

impl Built {
    pub(crate) fn new(layout: Layout, page: impl Serialize + 'static, charts: usize) -> Built {
        Built {
            layout,
            page: Box::new(page),
            charts,
        }
    }

    pub(crate) fn plain((layout, page): (Layout, impl Serialize + 'static)) -> Built {
        Built::new(layout, page, 0)
    }
}

/// Every HTML page of one language tree, the same for every language, with its route: the
/// kinds in their order, and consecutive kinds planned per edition edition by edition.
pub fn pages(data: &SiteData) -> Vec<(Page, Route)> {
    let mut pages = Vec::new();
    let mut kinds = PAGE_KINDS.iter().peekable();
    while let Some(&kind) = kinds.next() {
        let page = |year, index| Page { kind, year, index };
        match kind.plan {
            Plan::One(present) => pages.extend(present(data).then(|| page(0, 0))),
            Plan::Each(count) => pages.extend((0..count(data)).map(|index| page(0, index))),
            Plan::PerEdition(_) => {
                let mut group = vec![kind];
                while let Some(&&next) = kinds.peek() {
                    if !matches!(next.plan, Plan::PerEdition(_)) {
                        break;
                    }
                    group.push(next);
                    kinds.next();
                }
                for results in data.results {
                    for &kind in &group {
                        if let Plan::PerEdition(plan) = kind.plan {
                            pages.extend(plan(data, results).into_iter().map(|index| Page {
                                kind,
                                year: results.year,
                                index,
                            }));
                        }
                    }
                }
            }
        }
    }
    pages
        .into_iter()
        .map(|page| (page, page.route(data)))
        .collect()
}
