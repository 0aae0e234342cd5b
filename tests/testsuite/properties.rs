//! Properties of ranking that must hold for any data, checked with generated sites (proptest):
//! input order does not matter, ranks follow scores, equal rounded scores share a rank, the
//! competition rank counts the better companies, and winners are ranked sector leaders.

use proptest::prelude::*;

use rankpress::model::results::{EditionResults, Standing};
use rankpress::model::scoring::score_site;
use rankpress::model::text::Text;
use rankpress::model::{
    Company, Criterion, Edition, Index, Methodology, Perspective, Scale, Sector, ShareImages, Site,
    SiteConfig, Submission,
};

/// One generated company: sector, responses, and three raw values (None: missing).
type Row = (usize, u64, [Option<u8>; 3]);

fn site(rows: &[Row], precision: u32, min_sector_size: usize) -> Site {
    let text = |s: &str| Text::same(s, 1);
    let criteria = (0..3)
        .map(|i| Criterion {
            id: format!("c{i}"),
            name: text(&format!("C{i}")),
            question: None,
            weight: [1.0, 2.5, 0.5][i],
            perspective: usize::from(i == 2),
        })
        .collect();
    let sectors: Vec<Sector> = (0..3)
        .map(|i| Sector {
            id: format!("s{i}"),
            name: text(&format!("S{i}")),
            description: None,
        })
        .collect();
    let companies: Vec<Company> = rows
        .iter()
        .enumerate()
        .map(|(i, (sector, _, _))| Company {
            id: format!("company-{i}"),
            // Names collide on purpose (i % 7): ties are then ordered by id.
            name: text(&format!("Company {}", i % 7)),
            sector: *sector,
            website: None,
        })
        .collect();
    let submissions = rows
        .iter()
        .enumerate()
        .map(|(i, (sector, responses, values))| Submission {
            company: i,
            sector: *sector,
            responses: Some(*responses),
            left_out: Vec::new(),
            values: values
                .iter()
                .enumerate()
                // Customers answer on 1..5 in steps of a tenth, managers 0..100.
                .map(|(c, v)| {
                    v.map(|v| {
                        if c < 2 {
                            1.0 + f64::from(v % 41) / 10.0
                        } else {
                            f64::from(v % 101)
                        }
                    })
                })
                .collect(),
            sample: None,
        })
        .collect();
    Site {
        config: SiteConfig {
            title: text("Properties"),
            description: None,
            publisher: None,
            notice: None,
            base_url: "https://example.org/".to_string(),
            languages: vec!["en".to_string()],
            theme: "default".to_string(),
            top: 5,
            rows_per_page: 100,
            precision,
            min_sector_size,
            allow_html: false,
            share_images: ShareImages::None,
            system_fonts: false,
            hosting: None,
            brand: None,
            custom_stylesheet: false,
        },
        methodology: Methodology {
            min_responses: 20,
            confidence: 0.95,
            z: rankpress::model::statistics::z_for(0.95),
            variance_prior_df: 10.0,
            tiers: Vec::new(),
            perspectives: vec![
                Perspective {
                    id: "customer".to_string(),
                    name: text("Customer"),
                    description: None,
                    weight: 2.0,
                    scale: Scale { min: 1.0, max: 5.0 },
                    higher_is_better: true,
                    sampled: true,
                    min_responses: 20,
                    min_answers: 1,
                    not_answered: Vec::new(),
                    criteria: 0..2,
                },
                Perspective {
                    id: "management".to_string(),
                    name: text("Management"),
                    description: None,
                    weight: 1.0,
                    scale: Scale {
                        min: 0.0,
                        max: 100.0,
                    },
                    higher_is_better: false,
                    sampled: true,
                    min_responses: 20,
                    min_answers: 1,
                    not_answered: Vec::new(),
                    criteria: 2..3,
                },
            ],
            criteria,
        },
        index: Index::new(&sectors, &companies),
        sectors,
        companies,
        editions: vec![Edition {
            year: 2026,
            title: None,
            published: None,
            valid_until: None,
            respondents: None,
            submissions,
            not_participating: Vec::new(),
            survey: None,
        }],
    }
}

/// What a reader sees of a ranking: company id, rank, sector rank, rounded score, top, winner.
fn published(
    site: &Site,
    results: &EditionResults,
) -> Vec<(String, usize, usize, i64, bool, bool)> {
    results
        .ranked
        .iter()
        .map(|e| {
            (
                site.company(e.company).id.clone(),
                e.rank,
                e.sector_rank,
                e.units,
                e.top,
                e.sector_winner,
            )
        })
        .collect()
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let value = prop::option::weighted(0.95, 0u8..=200);
    prop::collection::vec(
        (0usize..3, 0u64..60, [value.clone(), value.clone(), value]),
        0..40,
    )
}

proptest! {
    #[test]
    fn the_order_of_the_input_does_not_change_the_ranking(
        rows in rows(),
        precision in 0u32..3,
        seed in any::<u64>(),
    ) {
        let site_a = site(&rows, precision, 2);
        let mut shuffled = site_a.clone();
        // A deterministic shuffle of the submissions (Fisher-Yates with a tiny LCG).
        let submissions = &mut shuffled.editions[0].submissions;
        let mut state = seed | 1;
        for i in (1..submissions.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let j = (state >> 33) as usize % (i + 1);
            submissions.swap(i, j);
        }
        let a = score_site(&site_a);
        let b = score_site(&shuffled);
        prop_assert_eq!(published(&site_a, &a[0]), published(&shuffled, &b[0]));
    }

    #[test]
    fn ranks_follow_scores_and_equal_rounded_scores_share_a_rank(
        rows in rows(),
        precision in 0u32..3,
    ) {
        let site = site(&rows, precision, 2);
        let results = score_site(&site);
        let ranked = &results[0].ranked;
        for pair in ranked.windows(2) {
            let (better, worse) = (&pair[0], &pair[1]);
            prop_assert!(better.units >= worse.units, "scores fall down the list");
            prop_assert!(better.rank <= worse.rank, "ranks never decrease as scores fall");
            prop_assert_eq!(better.units == worse.units, better.rank == worse.rank);
        }
        for entry in ranked {
            // Standard competition ranking: one more than the number of better companies.
            let better = ranked.iter().filter(|o| o.units > entry.units).count();
            prop_assert_eq!(entry.rank, better + 1);
            let sector = site.company(entry.company).sector;
            let better_in_sector = ranked
                .iter()
                .filter(|o| site.company(o.company).sector == sector && o.units > entry.units)
                .count();
            prop_assert_eq!(entry.sector_rank, better_in_sector + 1);
            prop_assert_eq!(entry.top, entry.rank <= site.config.top);
        }
    }

    #[test]
    fn winners_are_ranked_sector_leaders_of_large_enough_sectors(
        rows in rows(),
        min_sector_size in 1usize..5,
    ) {
        let site = site(&rows, 1, min_sector_size);
        let results = score_site(&site);
        let edition = &results[0];
        for entry in edition.ranked.iter().filter(|e| e.sector_winner) {
            prop_assert_eq!(entry.sector_rank, 1);
            prop_assert!(matches!(edition.standing(entry.company), Some(Standing::Ranked(_))));
            let sector = site.company(entry.company).sector;
            prop_assert!(edition.sector(sector).ranked.len() >= min_sector_size);
        }
        // Every sector leader of a large enough sector is a winner: none is left out.
        for (index, sector) in edition.sectors.iter().enumerate() {
            let leaders = edition.ranked.iter().filter(|e| {
                site.company(e.company).sector == index && e.sector_rank == 1
            });
            for leader in leaders {
                prop_assert_eq!(leader.sector_winner, sector.ranked.len() >= min_sector_size);
            }
        }
        // Nobody is both ranked and not ranked; not-ranked companies have reasons.
        for entry in &edition.not_ranked {
            prop_assert!(!entry.reasons.is_empty());
            prop_assert!(edition.ranked_entry(entry.company).is_none());
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Markdown made of the pieces attacks are built from: whatever their order, the rendered
    /// commentary has no event handler, no script address and no stray placeholder.
    #[test]
    fn commentary_never_carries_script(pieces in proptest::collection::vec(0usize..24, 0..40)) {
        const PIECES: [&str; 24] = [
            "## ", "# ", "{", "}", "#id", ".c", " onfocus=alert(1)", " autofocus", "\n", "\n\n",
            "[x](", ")", "javascript:", "&#106;avascript:", "<", ">", "\"", "[[company:alpha]]",
            "{{ ranking 2026 }}", "<rankpress-embed index=\"0\">", "</rankpress-embed>", "![i](",
            "[r]: ", "data:text/html,x",
        ];
        let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
        rankpress::fuzzing::markdown_safety(text.as_bytes());
    }
}
