//! The catalogue: the methodology (perspectives, criteria, weights, scales), the sectors and the
//! companies, each checked and resolved to indices.

use super::*;

/// The largest weight: weighted sums of scores up to 100 stay far from overflow, and the
/// ratio of two weights can still be a million to one.
pub(super) const MAX_WEIGHT: f64 = 1e6;

/// The largest magnitude of a scale's end: a scale beyond it loses every score to rounding.
pub(super) const MAX_SCALE_END: f64 = 1e9;

/// The weight as written: 1 when left out; an empty `weight:` is an error, never a silent 1.
fn given_weight(
    file: &SourceFile,
    path: &DataPath,
    weight: Option<Option<f64>>,
    diagnostics: &mut Diagnostics,
) -> f64 {
    match weight {
        None => 1.0,
        Some(Some(weight)) => {
            check_weight(file, &path.key("weight"), weight, diagnostics);
            weight
        }
        Some(None) => {
            diagnostics.push(
                file.error_at_key(&path.key("weight"), "`weight` is empty")
                    .expected("a positive number, such as `weight: 2`, or no `weight` key for 1")
                    .says("diag_criterion_weight_empty", &[])
                    .expects("diag_criterion_weight_expected", &[]),
            );
            1.0
        }
    }
}

pub(super) fn check_weight(
    file: &SourceFile,
    path: &DataPath,
    weight: f64,
    diagnostics: &mut Diagnostics,
) {
    if !(weight.is_finite() && weight > 0.0 && weight <= MAX_WEIGHT) {
        diagnostics.push(
            file.error_at_path(path, format!("weight {weight} is not a usable weight"))
                .expected(
                    "a positive number of at most 1000000 (weights are relative: 1, 2, 0.5...)",
                )
                .says("diag_weight_unusable", &[("weight", &weight.to_string())])
                .expects("diag_relative_weight_expected", &[]),
        );
    }
}

pub(super) fn methodology(
    file: &SourceFile,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Methodology> {
    let raw: RawMethodology = parse_yaml(file, diagnostics)?;
    let before = diagnostics.error_count();
    let root = DataPath::root();
    if raw.perspectives.is_empty() {
        diagnostics.push(
            file.error_at_path(&root.key("perspectives"), "no perspective defined")
                .expected("at least one perspective with at least one criterion")
                .says("diag_no_perspective", &[])
                .expects("diag_perspective_expected", &[]),
        );
    }
    let mut perspective_ids = HashMap::new();
    let mut criterion_ids = HashMap::new();
    let mut perspectives = Vec::new();
    let mut criteria = Vec::new();
    for (p_index, raw_perspective) in raw.perspectives.iter().enumerate() {
        let path = root.key("perspectives").index(p_index);
        check_id(
            file,
            &path.key("id"),
            &raw_perspective.id,
            "perspective",
            &mut perspective_ids,
            diagnostics,
        );
        check_texts(
            file,
            &path,
            [
                ("name", Some(&raw_perspective.name)),
                ("description", raw_perspective.description.as_ref()),
            ],
            languages,
            diagnostics,
        );
        let weight = given_weight(file, &path, raw_perspective.weight, diagnostics);
        let scale = checked_scale(file, &path, raw_perspective, diagnostics);
        if raw_perspective.criteria.is_empty() {
            diagnostics.push(
                file.error_at_path(
                    &path.key("criteria"),
                    format!("perspective `{}` has no criteria", raw_perspective.id),
                )
                .expected("at least one criterion")
                .says(
                    "diag_perspective_without_criteria",
                    &[("perspective", &raw_perspective.id)],
                )
                .expects("diag_criterion_expected", &[]),
            );
        }
        let start = criteria.len();
        criteria.extend(perspective_criteria(
            file,
            &path,
            raw_perspective,
            p_index,
            languages,
            &mut criterion_ids,
            diagnostics,
        ));
        perspectives.push(Perspective {
            id: raw_perspective.id.clone(),
            name: Text::resolve(&raw_perspective.name, languages),
            description: raw_perspective
                .description
                .as_ref()
                .map(|d| Text::resolve(d, languages)),
            weight,
            scale,
            higher_is_better: raw_perspective.higher_is_better.unwrap_or(true),
            sampled: raw_perspective.sampled.unwrap_or(true),
            min_responses: perspective_min_responses(
                file,
                &raw,
                raw_perspective,
                p_index,
                diagnostics,
            ),
            min_answers: min_answers(file, raw_perspective, p_index, diagnostics),
            not_answered: raw_perspective.not_answered.clone().unwrap_or_default(),
            criteria: start..criteria.len(),
        });
    }
    let (confidence, variance_prior_df) = levels(file, &raw, diagnostics);
    let tiers = tiers(
        file,
        raw.tiers.as_deref().unwrap_or_default(),
        languages,
        diagnostics,
    );
    (diagnostics.error_count() == before).then_some(Methodology {
        min_responses: raw.min_responses.unwrap_or(0),
        confidence,
        z: crate::model::statistics::z_for(confidence),
        variance_prior_df,
        tiers,
        perspectives,
        criteria,
    })
}

/// A perspective's scale; an error when its ends cannot be computed with or it is empty.
fn checked_scale(
    file: &SourceFile,
    path: &DataPath,
    raw_perspective: &crate::model::raw::RawPerspective,
    diagnostics: &mut Diagnostics,
) -> Scale {
    let scale = Scale {
        min: raw_perspective.scale.min,
        max: raw_perspective.scale.max,
    };
    let usable = |end: f64| end.is_finite() && end.abs() <= MAX_SCALE_END;
    if !(usable(scale.min) && usable(scale.max)) {
        diagnostics.push(
            file.error_at_path(
                &path.key("scale"),
                format!(
                    "scale from {} to {} cannot be computed with",
                    scale.min, scale.max
                ),
            )
            .expected("finite numbers between -1000000000 and 1000000000, such as 1 to 5")
            .says(
                "diag_scale_unusable",
                &[("min", &scale.min.to_string()), ("max", &scale.max.to_string())],
            )
            .expects("diag_scale_expected", &[]),
        );
    } else if scale.min >= scale.max {
        diagnostics.push(
            file.error_at_path(
                &path.key("scale"),
                format!("scale from {} to {} is empty", scale.min, scale.max),
            )
            .expected("`min` smaller than `max`")
            .says(
                "diag_scale_empty",
                &[("min", &scale.min.to_string()), ("max", &scale.max.to_string())],
            )
            .expects("diag_min_below_max", &[]),
        );
    }
    scale
}

/// A perspective's criteria, checked, each knowing its perspective's index.
fn perspective_criteria(
    file: &SourceFile,
    path: &DataPath,
    raw_perspective: &crate::model::raw::RawPerspective,
    p_index: usize,
    languages: &[String],
    criterion_ids: &mut HashMap<String, DataPath>,
    diagnostics: &mut Diagnostics,
) -> Vec<Criterion> {
    let mut criteria = Vec::new();
    for (c_index, raw_criterion) in raw_perspective.criteria.iter().enumerate() {
        let c_path = path.key("criteria").index(c_index);
        check_id(
            file,
            &c_path.key("id"),
            &raw_criterion.id,
            "criterion",
            criterion_ids,
            diagnostics,
        );
        check_texts(
            file,
            &c_path,
            [
                ("name", Some(&raw_criterion.name)),
                ("question", raw_criterion.question.as_ref()),
            ],
            languages,
            diagnostics,
        );
        let weight = given_weight(file, &c_path, raw_criterion.weight, diagnostics);
        criteria.push(Criterion {
            id: raw_criterion.id.clone(),
            name: Text::resolve(&raw_criterion.name, languages),
            question: raw_criterion
                .question
                .as_ref()
                .map(|q| Text::resolve(q, languages)),
            weight,
            perspective: p_index,
        });
    }
    criteria
}

/// The confidence level and the variance floor's prior degrees of freedom, checked.
fn levels(file: &SourceFile, raw: &RawMethodology, diagnostics: &mut Diagnostics) -> (f64, f64) {
    let root = DataPath::root();
    let confidence = raw.confidence.unwrap_or(0.95);
    if !(0.80..=0.999).contains(&confidence) {
        diagnostics.push(
            file.error_at_path(
                &root.key("confidence"),
                format!("confidence {confidence} is not a usable level"),
            )
            .expected("a number from 0.80 to 0.999, such as 0.95 for 95 %")
            .says(
                "diag_confidence_unusable",
                &[("confidence", &confidence.to_string())],
            )
            .expects("diag_confidence_expected", &[]),
        );
    }
    let variance_prior_df = raw.variance_prior_df.unwrap_or(10.0);
    if !(0.0..=1000.0).contains(&variance_prior_df) {
        diagnostics.push(
            file.error_at_path(
                &root.key("variance_prior_df"),
                format!("variance_prior_df {variance_prior_df} is out of range"),
            )
            .expected("a number from 0 to 1000 (10 unless set; 0 turns the floor off)")
            .says(
                "diag_prior_df_out_of_range",
                &[("value", &variance_prior_df.to_string())],
            )
            .expects("diag_prior_df_expected", &[]),
        );
    }
    (confidence, variance_prior_df)
}

/// The award tiers, checked (unique ids, `min_score` from 0 to 100), highest first.
fn tiers(
    file: &SourceFile,
    raw: &[crate::model::raw::RawTier],
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Vec<crate::model::Tier> {
    let mut seen = HashMap::new();
    let mut tiers = Vec::with_capacity(raw.len());
    for (index, tier) in raw.iter().enumerate() {
        let path = DataPath::root().key("tiers").index(index);
        check_id(
            file,
            &path.key("id"),
            &tier.id,
            "tier",
            &mut seen,
            diagnostics,
        );
        check_text_languages(file, &path.key("name"), &tier.name, languages, diagnostics);
        if !(tier.min_score.is_finite() && (0.0..=100.0).contains(&tier.min_score)) {
            diagnostics.push(
                file.error_at_path(
                    &path.key("min_score"),
                    format!("min_score {} is not a score", tier.min_score),
                )
                .expected("a score from 0 to 100")
                .says(
                    "diag_min_score_not_score",
                    &[("value", &tier.min_score.to_string())],
                )
                .expects("diag_score_0_100", &[]),
            );
        }
        tiers.push(crate::model::Tier {
            id: tier.id.clone(),
            name: Text::resolve(&tier.name, languages),
            min_score: tier.min_score,
        });
    }
    tiers.sort_by(|a, b| b.min_score.total_cmp(&a.min_score));
    tiers
}

pub(super) fn sectors(
    file: &SourceFile,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Vec<Sector>> {
    let raw = parse_yaml::<Vec<RawSector>>(file, diagnostics)?;
    let mut seen = HashMap::new();
    let sectors = raw
        .iter()
        .enumerate()
        .map(|(index, sector)| {
            let path = DataPath::root().index(index);
            check_id(
                file,
                &path.key("id"),
                &sector.id,
                "sector",
                &mut seen,
                diagnostics,
            );
            check_texts(
                file,
                &path,
                [
                    ("name", Some(&sector.name)),
                    ("description", sector.description.as_ref()),
                ],
                languages,
                diagnostics,
            );
            Sector {
                id: sector.id.clone(),
                name: Text::resolve(&sector.name, languages),
                description: sector
                    .description
                    .as_ref()
                    .map(|d| Text::resolve(d, languages)),
            }
        })
        .collect();
    Some(sectors)
}

pub(super) fn companies(
    file: &SourceFile,
    languages: &[String],
    sectors: Option<&[Sector]>,
    diagnostics: &mut Diagnostics,
) -> Option<(Vec<Company>, HashSet<String>)> {
    let raw = parse_yaml::<Vec<RawCompany>>(file, diagnostics)?;
    // Companies left out for an error of their own: results that name them are not reported
    // again as "unknown company".
    let mut skipped = HashSet::new();
    let sector_index: HashMap<&str, usize> = sectors
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut seen = HashMap::new();
    let mut companies = Vec::with_capacity(raw.len());
    for (index, company) in raw.iter().enumerate() {
        let path = DataPath::root().index(index);
        check_id(
            file,
            &path.key("id"),
            &company.id,
            "company",
            &mut seen,
            diagnostics,
        );
        check_text_languages(
            file,
            &path.key("name"),
            &company.name,
            languages,
            diagnostics,
        );
        if sectors.is_none() {
            // The sectors file had an error of its own, reported already.
            skipped.insert(company.id.clone());
            continue;
        }
        let Some(&sector) = sector_index.get(company.sector.as_str()) else {
            diagnostics.push(
                file.error_at_path(
                    &path.key("sector"),
                    format!("unknown sector `{}`", company.sector),
                )
                .expected("a sector id from data/sectors.yaml")
                .hint(did_you_mean(&company.sector, sector_index.keys().copied()))
                .says("diag_unknown_sector", &[("sector", &company.sector)])
                .expects("diag_sector_id_expected", &[]),
            );
            skipped.insert(company.id.clone());
            continue;
        };
        if let Some(website) = &company.website
            && !is_web_address(website.trim())
        {
            diagnostics.push(
                file.error_at_path(
                    &path.key("website"),
                    format!("`{website}` is not a web address"),
                )
                .expected(
                    "an absolute http:// or https:// address, such as https://www.example.com/",
                )
                .says("diag_not_web_address", &[("address", website)])
                .expects("diag_web_address_expected", &[]),
            );
        }
        companies.push(Company {
            id: company.id.clone(),
            name: Text::resolve(&company.name, languages),
            sector,
            website: company.website.as_ref().map(|w| w.trim().to_string()),
        });
    }
    Some((companies, skipped))
}

/// `min_answers` of a perspective (STATISTICS.md v3): 1 to 10,000; 5 when sampled, else 1.
fn min_answers(
    file: &SourceFile,
    raw: &crate::model::raw::RawPerspective,
    index: usize,
    diagnostics: &mut Diagnostics,
) -> u64 {
    let default = if raw.sampled.unwrap_or(true) { 5 } else { 1 };
    match raw.min_answers {
        None => default,
        Some(value) if (1..=10_000).contains(&value) => value,
        Some(value) => {
            diagnostics.push(
                file.error_at_path(
                    &DataPath::root()
                        .key("perspectives")
                        .index(index)
                        .key("min_answers"),
                    format!("min_answers {value} is out of range"),
                )
                .expected("a whole number from 1 to 10,000")
                .says("diag_min_answers_out_of_range", &[("value", &value.to_string())])
                .expects("diag_min_answers_expected", &[]),
            );
            default
        }
    }
}

/// `min_responses` of a perspective (STATISTICS.md v3): its own key; else, when sampled, the
/// methodology-wide `min_responses` where given, else 30; for a census 1 (one questionnaire
/// per company), so that a census perspective never fails the methodology-wide minimum meant
/// for customer responses. A sampled perspective below 10 is allowed, with a warning.
fn perspective_min_responses(
    file: &SourceFile,
    raw: &crate::model::raw::RawMethodology,
    perspective: &crate::model::raw::RawPerspective,
    index: usize,
    diagnostics: &mut Diagnostics,
) -> u64 {
    let sampled = perspective.sampled.unwrap_or(true);
    let value = match (perspective.min_responses, sampled) {
        (Some(own), _) => own,
        (None, true) => raw.min_responses.unwrap_or(30),
        (None, false) => 1,
    };
    if sampled && value < 10 {
        let path = DataPath::root().key("perspectives").index(index);
        let place = if perspective.min_responses.is_some() {
            path.key("min_responses")
        } else {
            path
        };
        let mut warning = file.error_at_path(
            &place,
            format!(
                "perspective `{}` ranks a company on {value} respondent(s): intervals on so few \
                 are wide and places hardly told apart",
                perspective.id
            ),
        );
        warning.severity = crate::diagnostics::Severity::Warning;
        diagnostics.push(
            warning
                .expected("min_responses of 10 or more for a sampled perspective")
                .says(
                    "diag_ranks_on_few",
                    &[("perspective", &perspective.id), ("count", &value.to_string())],
                )
                .expects("diag_min_responses_expected", &[]),
        );
    }
    value
}
