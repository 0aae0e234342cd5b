//! The methodology page: perspectives, criteria and weights, and the rules of the ranking.

use super::*;

#[derive(Debug, Serialize)]
pub struct CriterionView {
    pub id: String,
    pub name: String,
    pub weight: String,
    pub share: String,
    pub question: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PerspectiveView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
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
}

impl ViewBuilder<'_> {
    pub fn methodology(&self) -> Result<(Layout, PageView), ViewError> {
        let site = self.data.site;
        let methodology = &site.methodology;
        let total_weight: f64 = methodology.perspectives.iter().map(|p| p.weight).sum();
        let share =
            |part: f64, whole: f64| format!("{}\u{a0}%", self.locale.score(100.0 * part / whole));
        let perspectives = methodology
            .perspectives
            .iter()
            .map(|perspective| {
                let criteria_weight: f64 = perspective
                    .criteria
                    .clone()
                    .map(|c| methodology.criterion(c).weight)
                    .sum();
                let scale = self.locale.t_with(
                    "scale_text",
                    &[
                        ("min", &number(perspective.scale.min, self.locale)),
                        ("max", &number(perspective.scale.max, self.locale)),
                    ],
                );
                PerspectiveView {
                    id: perspective.id.clone(),
                    name: perspective.name.get(self.lang()).to_string(),
                    description: perspective
                        .description
                        .as_ref()
                        .map(|d| d.get(self.lang()).to_string()),
                    weight: number(perspective.weight, self.locale),
                    share: share(perspective.weight, total_weight),
                    scale,
                    direction: self.locale.t_with(
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
            self.locale.t_with(
                "rule_min_responses",
                &[("min", &methodology.min_responses.to_string())],
            ),
            self.t("rule_complete"),
            self.locale.t_with(
                "rule_precision",
                &[("precision", &config.precision.to_string())],
            ),
            self.t("rule_ties"),
            self.locale
                .t_with("rule_top", &[("top", &config.top.to_string())]),
            self.locale.t_with(
                "rule_winner",
                &[("min", &config.min_sector_size.to_string())],
            ),
            self.t("rule_change"),
        ];
        let title = self.t("methodology_title");
        let layout = self.layout(&Route::Methodology, &title, &title);
        Ok((
            layout,
            PageView::Methodology(MethodologyView {
                perspectives,
                rules,
                commentary: self.commentary(Some(&self.data.content.methodology))?,
            }),
        ))
    }
}
