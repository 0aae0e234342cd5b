//! The catalogue: the methodology (perspectives, criteria, weights, scales), the sectors and the
//! companies, each checked and resolved to indices.

use super::*;

/// The largest weight: weighted sums of scores up to 100 stay far from overflow, and the
/// ratio of two weights can still be a million to one.
pub(super) const MAX_WEIGHT: f64 = 1e6;

/// The largest magnitude of a scale's end: a scale beyond it loses every score to rounding.
pub(super) const MAX_SCALE_END: f64 = 1e9;

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
                ),
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
                .expected("at least one perspective with at least one criterion"),
        );
    }
    let mut perspective_ids = HashSet::new();
    let mut criterion_ids = HashSet::new();
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
        check_text_languages(
            file,
            &path.key("name"),
            &raw_perspective.name,
            languages,
            diagnostics,
        );
        let weight = raw_perspective.weight.unwrap_or(1.0);
        check_weight(file, &path.key("weight"), weight, diagnostics);
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
                .expected("finite numbers between -1000000000 and 1000000000, such as 1 to 5"),
            );
        } else if scale.min >= scale.max {
            diagnostics.push(
                file.error_at_path(
                    &path.key("scale"),
                    format!("scale from {} to {} is empty", scale.min, scale.max),
                )
                .expected("`min` smaller than `max`"),
            );
        }
        if raw_perspective.criteria.is_empty() {
            diagnostics.push(
                file.error_at_path(
                    &path.key("criteria"),
                    format!("perspective `{}` has no criteria", raw_perspective.id),
                )
                .expected("at least one criterion"),
            );
        }
        let start = criteria.len();
        for (c_index, raw_criterion) in raw_perspective.criteria.iter().enumerate() {
            let c_path = path.key("criteria").index(c_index);
            check_id(
                file,
                &c_path.key("id"),
                &raw_criterion.id,
                "criterion",
                &mut criterion_ids,
                diagnostics,
            );
            check_text_languages(
                file,
                &c_path.key("name"),
                &raw_criterion.name,
                languages,
                diagnostics,
            );
            let weight = raw_criterion.weight.unwrap_or(1.0);
            check_weight(file, &c_path.key("weight"), weight, diagnostics);
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
            criteria: start..criteria.len(),
        });
    }
    (diagnostics.error_count() == before).then_some(Methodology {
        min_responses: raw.min_responses.unwrap_or(0),
        perspectives,
        criteria,
    })
}

pub(super) fn sectors(
    file: &SourceFile,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Vec<Sector>> {
    let raw = parse_yaml::<Vec<RawSector>>(file, diagnostics)?;
    let mut seen = HashSet::new();
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
            check_text_languages(
                file,
                &path.key("name"),
                &sector.name,
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
    let mut seen = HashSet::new();
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
                .hint(did_you_mean(&company.sector, sector_index.keys().copied())),
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
                ),
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
