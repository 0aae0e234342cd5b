//! "About this survey": the disclosure of how an edition's survey was done (STATISTICS.md v3),
//! item by item in the page's language, for the edition and methodology pages.

use super::*;
use crate::model::{ResponseRate, Survey};

#[derive(Debug, Serialize)]
pub struct SurveyView {
    pub year: i32,
    pub items: Vec<SurveyItem>,
    /// For an opt-in sample: what the intervals do not cover.
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SurveyItem {
    pub label: String,
    pub value: String,
    /// The questionnaire's address.
    pub href: Option<String>,
}

impl ViewBuilder<'_> {
    /// The disclosure of edition `year`, when its file has a `survey:` block.
    pub(super) fn survey(&self, year: i32) -> Option<SurveyView> {
        let edition = self.data.site.edition(year)?;
        let survey = edition.survey.as_ref()?;
        Some(SurveyView {
            year,
            items: self.survey_items(survey),
            note: (survey.probability == Some(false)).then(|| self.t("stats_interval_model")),
        })
    }

    fn survey_items(&self, survey: &Survey) -> Vec<SurveyItem> {
        let lang = self.lang();
        let mut items = Vec::new();
        let mut push = |label: String, value: String, href: Option<String>| {
            items.push(SurveyItem { label, value, href });
        };
        if let Some((start, end)) = &survey.fieldwork {
            push(
                self.t("survey_fieldwork"),
                self.locale.t_embedding(
                    "survey_fieldwork_dates",
                    &[
                        ("start", &self.locale.date(start)),
                        ("end", &self.locale.date(end)),
                    ],
                ),
                None,
            );
        }
        let texts = [
            (self.t("survey_population"), &survey.population),
            (self.t("survey_sample_source"), &survey.sample_source),
        ];
        for (key, text) in texts {
            if let Some(text) = text {
                push(key, text.get(lang).to_string(), None);
            }
        }
        if let Some(probability) = survey.probability {
            let value = if probability {
                self.t("survey_probability_yes")
            } else {
                self.t("survey_probability_no")
            };
            push(self.t("survey_probability"), value, None);
        }
        let texts = [
            (self.t("survey_mode"), &survey.mode),
            (self.t("survey_sponsor"), &survey.sponsor),
            (self.t("survey_agency"), &survey.agency),
            (self.t("survey_weighting"), &survey.weighting),
        ];
        for (key, text) in texts {
            if let Some(text) = text {
                push(key, text.get(lang).to_string(), None);
            }
        }
        match &survey.response_rate {
            Some(ResponseRate::Share(share)) => push(
                self.t("survey_response_rate"),
                self.locale.percent(&number(100.0 * share, self.locale)),
                None,
            ),
            Some(ResponseRate::Text(text)) => push(
                self.t("survey_response_rate"),
                text.get(lang).to_string(),
                None,
            ),
            None => {}
        }
        if let Some(url) = &survey.questionnaire {
            push(
                self.t("survey_questionnaire"),
                self.t("survey_questionnaire_link"),
                Some(url.clone()),
            );
        }
        items
    }
}
