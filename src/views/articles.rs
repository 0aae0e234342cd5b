//! Articles (the list and each article) and the page for addresses that do not exist.

use super::*;

#[derive(Debug, Serialize)]
pub struct ArticleItem {
    pub title: String,
    pub href: String,
    pub date: String,
    pub iso_date: String,
    pub summary: Option<String>,
    pub lang: Option<String>,
    /// With `lang`: its direction.
    pub dir: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ArticlesView {
    pub items: Vec<ArticleItem>,
}

#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub title: String,
    pub date: String,
    pub iso_date: String,
    pub commentary: CommentaryView,
}

impl ViewBuilder<'_> {
    pub fn article_items(&self) -> Vec<ArticleItem> {
        self.data
            .content
            .articles
            .iter()
            .filter_map(|article| {
                let commentary = article.translations.get(self.lang())?;
                Some(ArticleItem {
                    title: commentary
                        .title
                        .clone()
                        .unwrap_or_else(|| article.slug.clone()),
                    href: self.linker.page(&Route::article(article.slug.clone())),
                    date: self.locale.date(&article.date),
                    iso_date: article.date.to_string(),
                    summary: commentary.summary.clone(),
                    dir: self.commentary_language(commentary).map(|w| w.dir),
                    lang: self.commentary_language(commentary).map(|w| w.lang),
                })
            })
            .collect()
    }

    pub fn articles(&self) -> (Layout, ArticlesView) {
        let title = self.t("articles_title");
        let layout = self.layout(&Route::articles(), &title, &title);
        (
            layout,
            ArticlesView {
                items: self.article_items(),
            },
        )
    }

    pub fn article(&self, index: usize) -> Result<Option<(Layout, ArticleView)>, ViewError> {
        let Some(article) = self.data.content.articles.get(index) else {
            return Ok(None);
        };
        let Some(commentary) = article.translations.get(self.lang()) else {
            return Ok(None);
        };
        let view = self.commentary_view(commentary)?;
        let title = commentary
            .title
            .clone()
            .unwrap_or_else(|| article.slug.clone());
        let layout = self.layout(
            &Route::article(article.slug.clone()),
            &title,
            commentary.summary.as_deref().unwrap_or(&title),
        );
        Ok(Some((
            layout,
            ArticleView {
                title,
                date: self.locale.date(&article.date),
                iso_date: article.date.to_string(),
                commentary: view,
            },
        )))
    }

    pub fn not_found(&self) -> (Layout, NotFoundView) {
        let title = self.t("not_found_title");
        let layout = self.layout(&Route::not_found(), &title, &title);
        (layout, NotFoundView {})
    }
}

pub(crate) static ARTICLES: PageKind = PageKind {
    name: "articles",
    template: "articles.html",
    plan: Plan::One(|data| !data.content.articles.is_empty()),
    route: |_, _, _| Route::articles(),
    data: DataScope::All,
    commentary: CommentaryScope::All,
    view: |b, _, _| Ok(Some(Built::plain(b.articles()))),
    card: None,
};

pub(crate) static ARTICLE: PageKind = PageKind {
    name: "article",
    template: "article.html",
    plan: Plan::Each(|data| data.content.articles.len()),
    route: |data, _, index| {
        Route::article(
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

pub(crate) static NOT_FOUND: PageKind = PageKind {
    name: "not found",
    template: "404.html",
    plan: Plan::One(|_| true),
    route: |_, _, _| Route::not_found(),
    data: DataScope::All,
    commentary: CommentaryScope::None,
    view: |b, _, _| Ok(Some(Built::plain(b.not_found()))),
    card: None,
};
