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
                    href: self.linker.page(&Route::Article(article.slug.clone())),
                    date: self.locale.date(&article.date),
                    iso_date: article.date.to_string(),
                    summary: commentary.summary.clone(),
                    lang: (commentary.language != self.lang()).then(|| {
                        self.data
                            .site
                            .config
                            .language(commentary.language)
                            .to_string()
                    }),
                })
            })
            .collect()
    }

    pub fn articles(&self) -> (Layout, ArticlesView) {
        let title = self.t("articles_title");
        let layout = self.layout(&Route::Articles, &title, &title);
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
            &Route::Article(article.slug.clone()),
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
        let layout = self.layout(&Route::NotFound, &title, &title);
        (layout, NotFoundView {})
    }
}
