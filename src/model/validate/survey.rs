//! The `survey:` block of an edition (STATISTICS.md v3, "Survey disclosure"): how the survey was
//! done, checked item by item and located.

use super::*;
use crate::model::raw::{RawRate, RawSurvey};
use crate::model::{ResponseRate, Survey};

/// The disclosure of `raw`, at `at` in `yaml`: texts resolved for every site language, dates
/// and the response rate checked. A wrong item is an error at its key and left out.
pub(super) fn survey(
    yaml: &SourceFile,
    at: &DataPath,
    raw: &RawSurvey,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Survey {
    let mut text = |key: &str, value: &Option<RawText>| {
        value.as_ref().map(|value| {
            check_text_languages(yaml, &at.key(key), value, languages, diagnostics);
            Text::resolve(value, languages)
        })
    };
    let population = text("population", &raw.population);
    let sample_source = text("sample_source", &raw.sample_source);
    let mode = text("mode", &raw.mode);
    let sponsor = text("sponsor", &raw.sponsor);
    let agency = text("agency", &raw.agency);
    let weighting = text("weighting", &raw.weighting);
    let response_rate = match &raw.response_rate {
        None => None,
        Some(RawRate::Share(share)) if (0.0..=1.0).contains(share) => {
            Some(ResponseRate::Share(*share))
        }
        Some(RawRate::Share(share)) => {
            diagnostics.push(
                yaml.error_at_path(
                    &at.key("response_rate"),
                    format!("response rate {share} is not a share from 0 to 1"),
                )
                .expected("a share such as 0.12 for 12 %, or a text such as \"12 % (AAPOR RR3)\"")
                .says("diag_rate_not_share", &[("rate", &share.to_string())])
                .expects("diag_rate_expected", &[]),
            );
            None
        }
        Some(RawRate::Text(value)) => {
            check_text_languages(
                yaml,
                &at.key("response_rate"),
                value,
                languages,
                diagnostics,
            );
            Some(ResponseRate::Text(Text::resolve(value, languages)))
        }
    };
    let questionnaire = raw.questionnaire.as_ref().and_then(|url| {
        if url.starts_with("https://") || url.starts_with("http://") {
            Some(url.clone())
        } else {
            diagnostics.push(
                yaml.error_at_path(
                    &at.key("questionnaire"),
                    format!("`{url}` is not a web address"),
                )
                .expected("the questionnaire's address, starting with https://")
                .says("diag_not_web_address", &[("address", url)])
                .expects("diag_questionnaire_expected", &[]),
            );
            None
        }
    });
    let fieldwork = raw.fieldwork.as_ref().and_then(|fieldwork| {
        let mut date = |key: &str, value: &Value| {
            let parsed = value.as_str().and_then(Date::parse);
            if parsed.is_none() {
                diagnostics.push(
                    yaml.error_at_path(
                        &at.key("fieldwork").key(key),
                        format!("the fieldwork's {key} is not a date"),
                    )
                    .expected("an ISO date YYYY-MM-DD, such as 2026-03-02")
                    .says(
                        if key == "start" {
                            "diag_fieldwork_start_not_date"
                        } else {
                            "diag_fieldwork_end_not_date"
                        },
                        &[],
                    )
                    .expects("diag_date_expected", &[]),
                );
            }
            parsed
        };
        let (start, end) = (date("start", &fieldwork.start), date("end", &fieldwork.end));
        let (start, end) = (start?, end?);
        if end < start {
            diagnostics.push(
                yaml.error_at_path(
                    &at.key("fieldwork").key("end"),
                    format!("the fieldwork ends on {end}, before it starts on {start}"),
                )
                .expected("an end on or after the start")
                .says(
                    "diag_fieldwork_backwards",
                    &[("end", &end.to_string()), ("start", &start.to_string())],
                )
                .expects("diag_end_after_start", &[]),
            );
            return None;
        }
        Some((start, end))
    });
    Survey {
        fieldwork,
        population,
        sample_source,
        probability: raw.probability,
        mode,
        sponsor,
        agency,
        weighting,
        response_rate,
        questionnaire,
    }
}
