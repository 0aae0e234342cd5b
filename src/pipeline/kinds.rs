//! The kinds of page a site has, one descriptor each, in one list: which pages of the kind there
//! are, where each lives, which template shows it, what its fingerprint depends on, how its view
//! is built and whether it has a share card. The build ([`super::pages`]) and the fingerprints
//! read these descriptors and match on no kind; adding a kind of page is an entry in
//! [`PAGE_KINDS`], its view and its template (ARCHITECTURE.md, "Adding a page kind").

use serde::Serialize;

use crate::draw::previews::Card;
use crate::model::ShareImages;
use crate::model::results::EditionResults;
use crate::render::erased;
use crate::routes::Route;
use crate::views::{Layout, SiteData, ViewBuilder, ViewError};

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
    pub fn card(&self, builder: &ViewBuilder, share_images: ShareImages) -> Option<Card> {
        let card = self.kind.card.as_ref()?;
        if !(card.when)(share_images) {
            return None;
        }
        (card.draw)(builder, self.year, self.index)
    }

    /// Whether the page draws a card of its own with the site's `share_images`.
    pub fn has_card(&self, share_images: ShareImages) -> bool {
        self.kind
            .card
            .as_ref()
            .is_some_and(|card| (card.when)(share_images))
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
    /// Whether the page draws its own card with the site's `share_images`.
    pub when: fn(ShareImages) -> bool,
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
    fn new(layout: Layout, page: impl Serialize + 'static, charts: usize) -> Built {
        Built {
            layout,
            page: Box::new(page),
            charts,
        }
    }

    fn plain((layout, page): (Layout, impl Serialize + 'static)) -> Built {
        Built::new(layout, page, 0)
    }
}

/// Every kind of page, in the order the site lists its pages.
pub static PAGE_KINDS: &[&PageKind] = &[
    &HOME,
    &EDITION,
    &SECTOR,
    &COMPANY,
    &VERIFY,
    &ARTICLES,
    &ARTICLE,
    &METHODOLOGY,
    &COMPARE,
    &NOT_FOUND,
];

static HOME: PageKind = PageKind {
    name: "home",
    template: "home.html",
    plan: Plan::One(|_| true),
    route: |_, _, _| Route::Home,
    data: DataScope::All,
    commentary: CommentaryScope::All,
    view: |b, _, _| {
        let (layout, view) = b.home()?;
        let charts = view.charts.len();
        Ok(Some(Built::new(layout, view, charts)))
    },
    card: None,
};

static EDITION: PageKind = PageKind {
    name: "edition",
    template: "edition.html",
    plan: Plan::PerEdition(|_, _| vec![0]),
    route: |_, year, _| Route::Edition(year),
    data: DataScope::All,
    commentary: CommentaryScope::Edition,
    view: |b, year, _| {
        let (layout, view) = b.edition(year)?;
        let charts = view.charts.len();
        Ok(Some(Built::new(layout, view, charts)))
    },
    card: Some(CardKind {
        when: |share_images| share_images != ShareImages::None,
        draw: |b, year, _| b.edition_card(year),
    }),
};

static SECTOR: PageKind = PageKind {
    name: "sector",
    template: "sector.html",
    // A sector has a page in an edition where someone from it took part.
    plan: Plan::PerEdition(|data, results| {
        (0..data.site.sectors.len())
            .filter(|&sector| data.has_sector_page(results, sector))
            .collect()
    }),
    route: |data, year, sector| Route::Sector(year, data.site.sector(sector).id.clone()),
    data: DataScope::All,
    commentary: CommentaryScope::Sector,
    view: |b, year, sector| {
        let (layout, view) = b.sector(year, sector)?;
        let charts = view.charts.len();
        Ok(Some(Built::new(layout, view, charts)))
    },
    card: None,
};

static COMPANY: PageKind = PageKind {
    name: "company",
    template: "company.html",
    plan: Plan::Each(|data| data.site.companies.len()),
    route: |data, _, company| Route::Company(data.site.company(company).id.clone()),
    data: DataScope::Company,
    commentary: CommentaryScope::Company,
    view: |b, _, company| {
        let (layout, view) = b.company(company)?;
        let charts = view.charts.len();
        Ok(Some(Built::new(layout, view, charts)))
    },
    card: Some(CardKind {
        when: |share_images| share_images == ShareImages::All,
        draw: |b, _, company| Some(b.company_card(company)),
    }),
};

static VERIFY: PageKind = PageKind {
    name: "verify",
    template: "verify.html",
    // A check page for every seal: each awarded company in each edition.
    plan: Plan::PerEdition(|_, results| {
        results
            .ranked
            .iter()
            .filter(|e| e.awarded())
            .map(|e| e.company)
            .collect()
    }),
    route: |data, year, company| Route::Verify(year, data.site.company(company).id.clone()),
    data: DataScope::Company,
    commentary: CommentaryScope::None,
    view: |b, year, company| Ok(b.verify(year, company).map(Built::plain)),
    card: None,
};

static ARTICLES: PageKind = PageKind {
    name: "articles",
    template: "articles.html",
    plan: Plan::One(|data| !data.content.articles.is_empty()),
    route: |_, _, _| Route::Articles,
    data: DataScope::All,
    commentary: CommentaryScope::All,
    view: |b, _, _| Ok(Some(Built::plain(b.articles()))),
    card: None,
};

static ARTICLE: PageKind = PageKind {
    name: "article",
    template: "article.html",
    plan: Plan::Each(|data| data.content.articles.len()),
    route: |data, _, index| {
        Route::Article(
            data.content
                .articles
                .get(index)
                .map(|a| a.slug.clone())
                .unwrap_or_default(),
        )
    },
    data: DataScope::All,
    commentary: CommentaryScope::All,
    view: |b, _, index| Ok(b.article(index)?.map(Built::plain)),
    card: None,
};

static METHODOLOGY: PageKind = PageKind {
    name: "methodology",
    template: "methodology.html",
    plan: Plan::One(|_| true),
    route: |_, _, _| Route::Methodology,
    data: DataScope::All,
    commentary: CommentaryScope::Methodology,
    view: |b, _, _| Ok(Some(Built::plain(b.methodology()?))),
    card: None,
};

static COMPARE: PageKind = PageKind {
    name: "compare",
    template: "compare.html",
    plan: Plan::One(|data| !data.results.is_empty()),
    route: |_, _, _| Route::Compare,
    data: DataScope::All,
    commentary: CommentaryScope::None,
    view: |b, _, _| Ok(b.compare().map(Built::plain)),
    card: None,
};

static NOT_FOUND: PageKind = PageKind {
    name: "not found",
    template: "404.html",
    plan: Plan::One(|_| true),
    route: |_, _, _| Route::NotFound,
    data: DataScope::All,
    commentary: CommentaryScope::None,
    view: |b, _, _| Ok(Some(Built::plain(b.not_found()))),
    card: None,
};

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

/// The routes of [`pages`].
pub fn routes(data: &SiteData) -> Vec<Route> {
    pages(data).into_iter().map(|(_, route)| route).collect()
}
