//! The methodology page: perspectives, criteria and weights, and the rules of the ranking.

use super::*;

#[derive(Debug, Serialize)]
pub struct CriterionView {
    pub id: String,
    pub name: String,
    /// Where data/ has the name, or the question, in another language only: its `lang` and `dir`.
    pub name_lang: Option<crate::locale::WrittenIn>,
    pub weight: String,
    pub share: String,
    pub question: Option<String>,
    pub question_lang: Option<crate::locale::WrittenIn>,
}

#[derive(Debug, Serialize)]
pub struct PerspectiveView {
    pub id: String,
    pub name: String,
    /// Where data/ has the name, or the description, in another language only: its `lang` and
    /// `dir`.
    pub name_lang: Option<crate::locale::WrittenIn>,
    pub description: Option<String>,
    pub description_lang: Option<crate::locale::WrittenIn>,
    pub weight: String,
    pub share: String,
    pub scale: String,
    pub direction: String,
    pub criteria: Vec<CriterionView>,
}

#[derive(Debug, Serialize)]
pub struct MethodologyView {
    pub perspectives: Vec<PerspectiveView>,
    pub rules: Vec<String>,
    pub commentary: Option<CommentaryView>,
    /// How sure the scores are, for sites with respondent-level results.
    pub statistics: Option<StatisticsView>,
    /// "About this survey" of the latest edition whose file discloses it.
    pub survey: Option<super::survey::SurveyView>,
}

/// The statistics in plain words, with an example from the site's own data.
#[derive(Debug, Serialize)]
pub struct StatisticsView {
    /// Paragraphs: the interval, the rank range, the tiers.
    pub explanations: Vec<String>,
    /// A worked example from the latest respondent-level edition.
    pub example: Option<String>,
    /// Respondents per perspective (columns) and respondent-level edition (rows).
    pub perspectives: Vec<String>,
    /// Each perspective name's `lang` and `dir` where it is shown in another language.
    pub perspective_langs: Vec<Option<crate::locale::WrittenIn>>,
    pub editions: Vec<SampleRow>,
}

#[derive(Debug, Serialize)]
pub struct SampleRow {
    pub year: i32,
    pub counts: Vec<String>,
}

impl ViewBuilder<'_> {
    /// The statistics section, when any edition has respondent-level results.
    fn statistics(&self) -> Option<StatisticsView> {
        let site = self.data.site;
        let methodology = &site.methodology;
        let sampled: Vec<&EditionResults> = self
            .data
            .results
            .iter()
            .filter(|r| r.ranked.iter().any(|e| e.respondents.is_some()))
            .collect();
        let latest = sampled.last()?;
        let level = self.confidence_level();
        let explanations = self.statistics_explanations(latest.year, &level);
        // The example: the top company of the latest such edition, with its own figures.
        let example = latest.ranked.first().and_then(|entry| {
            let (low, high) = entry.ci?;
            let (best, worst) = entry.rank_range?;
            let mut text = self.locale.t_embedding(
                "stats_example",
                &[
                    ("company", &self.company_name(entry.company)),
                    ("year", &latest.year.to_string()),
                    ("score", &self.locale.units(entry.units)),
                    ("low", &self.locale.units(low)),
                    ("high", &self.locale.units(high)),
                    ("level", &level),
                    (
                        "ranks",
                        &self.locale.isolate(super::tables::range_text((best, worst))),
                    ),
                    ("rank", &entry.rank.to_string()),
                ],
            );
            if let (Some(tier), Some(bound)) = (
                entry.tier.and_then(|t| methodology.tiers.get(t)),
                crate::model::statistics::one_sided_bound(methodology, entry),
            ) {
                text.push(' ');
                text.push_str(&self.locale.t_embedding(
                    "stats_example_tier",
                    &[
                        ("tier", tier.name.get(self.lang())),
                        ("bound", &self.locale.score(bound)),
                        ("min", &self.locale.score(tier.min_score)),
                    ],
                ));
            }
            Some(text)
        });
        let editions = sampled
            .iter()
            .map(|results| SampleRow {
                year: results.year,
                counts: (0..methodology.perspectives.len())
                    .map(|p| self.locale.count(results.respondents_total(p).unwrap_or(0)))
                    .collect(),
            })
            .collect();
        Some(StatisticsView {
            explanations,
            example,
            perspectives: self.perspective_names(),
            perspective_langs: self.perspective_langs(),
            editions,
        })
    }

    /// The paragraphs that explain the statistics: the interval (and, for an opt-in sample,
    /// what it does not cover), small samples, plausible places, clear leads, tiers, weights,
    /// census perspectives and editions of averages only.
    fn statistics_explanations(&self, latest_year: i32, level: &str) -> Vec<String> {
        let site = self.data.site;
        let methodology = &site.methodology;
        let times = number(100.0 * methodology.confidence, self.locale);
        let mut explanations = vec![
            self.locale
                .t_embedding("stats_interval", &[("level", level), ("times", &times)]),
        ];
        // An opt-in sample: the intervals cover sampling error only, not who took part.
        let opt_in = site.edition(latest_year)
            .and_then(|e| e.survey.as_ref())
            .is_some_and(|s| s.probability == Some(false));
        if opt_in {
            explanations.push(self.t("stats_interval_model"));
        }
        if methodology.perspectives.iter().any(|p| p.sampled) {
            explanations.push(self.locale.t_embedding(
                "stats_small_samples",
                &[("prior", &number(methodology.variance_prior_df, self.locale))],
            ));
        }
        explanations.push(self.locale.t_embedding("stats_range", &[("level", level)]));
        explanations.push(self.t("stats_clear"));
        explanations.extend(self.tier_rule());
        explanations.push(self.t("stats_weights"));
        let census: Vec<&str> = methodology
            .perspectives
            .iter()
            .filter(|p| !p.sampled)
            .map(|p| p.name.get(self.lang()))
            .collect();
        if !census.is_empty() {
            explanations.push(
                self.locale
                    .t_embedding("stats_census", &[("perspectives", &census.join(", "))]),
            );
        }
        // Editions of averages only: no intervals, and tiers by the score itself.
        let averages_only: Vec<String> = self
            .data
            .results
            .iter()
            .filter(|r| !r.ranked.is_empty() && r.ranked.iter().all(|e| e.respondents.is_none()))
            .map(|r| r.year.to_string())
            .collect();
        if !averages_only.is_empty() {
            explanations.push(self.locale.t_embedding(
                "stats_editions_differ",
                &[("years", &averages_only.join(", "))],
            ));
        }
        explanations
    }

    pub fn methodology(&self) -> Result<(Layout, MethodologyView), ViewError> {
        let site = self.data.site;
        let methodology = &site.methodology;
        let total_weight: f64 = methodology.perspectives.iter().map(|p| p.weight).sum();
        let share =
            |part: f64, whole: f64| self.locale.percent(&self.locale.score(100.0 * part / whole));
        let perspectives = methodology
            .perspectives
            .iter()
            .map(|perspective| {
                let criteria_weight: f64 = perspective
                    .criteria
                    .clone()
                    .map(|c| methodology.criterion(c).weight)
                    .sum();
                let scale = self.locale.t_embedding(
                    "scale_text",
                    &[
                        ("min", &number(perspective.scale.min, self.locale)),
                        ("max", &number(perspective.scale.max, self.locale)),
                    ],
                );
                PerspectiveView {
                    id: perspective.id.clone(),
                    name: perspective.name.get(self.lang()).to_string(),
                    name_lang: self.written_in(&perspective.name),
                    description_lang: perspective
                        .description
                        .as_ref()
                        .and_then(|d| self.written_in(d)),
                    description: perspective
                        .description
                        .as_ref()
                        .map(|d| d.get(self.lang()).to_string()),
                    weight: number(perspective.weight, self.locale),
                    share: share(perspective.weight, total_weight),
                    scale,
                    direction: self.locale.t_embedding(
                        if perspective.higher_is_better {
                            "scale_higher_better"
                        } else {
                            "scale_lower_better"
                        },
                        &[
                            ("min", &number(perspective.scale.min, self.locale)),
                            ("max", &number(perspective.scale.max, self.locale)),
                        ],
                    ),
                    criteria: perspective
                        .criteria
                        .clone()
                        .map(|c| {
                            let criterion = &methodology.criterion(c);
                            CriterionView {
                                id: criterion.id.clone(),
                                name: criterion.name.get(self.lang()).to_string(),
                                name_lang: self.written_in(&criterion.name),
                                question_lang: criterion
                                    .question
                                    .as_ref()
                                    .and_then(|q| self.written_in(q)),
                                weight: number(criterion.weight, self.locale),
                                share: share(criterion.weight, criteria_weight),
                                question: criterion
                                    .question
                                    .as_ref()
                                    .map(|q| q.get(self.lang()).to_string()),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let config = &site.config;
        let rules = vec![
            self.locale
                .t_count_embedding("rule_min_responses", methodology.min_responses, &[]),
            self.t("rule_complete"),
            self.locale
                .t_count_embedding("rule_precision", u64::from(config.precision), &[]),
            self.t("rule_ties"),
            self.locale
                .t_embedding("rule_top", &[("top", &config.top.to_string())]),
            self.locale
                .t_count_embedding("rule_winner", config.min_sector_size as u64, &[]),
            self.t("rule_change"),
        ];
        let title = self.t("methodology_title");
        let layout = self.layout(&Route::methodology(), &title, &title);
        Ok((
            layout,
            MethodologyView {
                perspectives,
                rules,
                commentary: self.commentary(Some(&self.data.content.methodology))?,
                statistics: self.statistics(),
                survey: self
                    .data
                    .site
                    .editions
                    .iter()
                    .rev()
                    .find_map(|e| self.survey(e.year)),
            },
        ))
    }
}

pub(crate) static METHODOLOGY: PageKind = PageKind {
    name: "methodology",
    template: "methodology.html",
    plan: Plan::One(|_| true),
    route: |_, _, _| Route::methodology(),
    data: DataScope::All,
    commentary: CommentaryScope::Methodology,
    view: |b, _, _| Ok(Some(Built::plain(b.methodology()?))),
    card: None,
};

impl ViewBuilder<'_> {
    /// How tiers are earned, naming each tier and the score it needs; `None` without tiers.
    pub(super) fn tier_rule(&self) -> Option<String> {
        let tiers = &self.data.site.methodology.tiers;
        if tiers.is_empty() {
            return None;
        }
        let names: Vec<String> = tiers
            .iter()
            .map(|t| {
                format!(
                    "{} ({})",
                    self.locale.embed(t.name.get(self.lang())),
                    self.locale.score(t.min_score)
                )
            })
            .collect();
        Some(self.locale.t_embedding(
            "stats_tiers",
            &[
                ("tiers", &self.locale.and_list(&names)),
                ("level", &self.confidence_level()),
            ],
        ))
    }
}
