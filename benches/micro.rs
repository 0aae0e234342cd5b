//! Micro-benchmarks of the pure stages a large site spends most of its CPU in: scoring and
//! ranking an edition, drawing the charts of a company page, and drawing its share card. `cargo bench --bench micro`;
//! criterion prints the time per iteration. For whole-site figures see benches/scale.sh.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use rankpress::draw::charts::{self, Header, HistoryPoint, Pair};
use rankpress::model::text::Text;
use rankpress::model::{
    Company, Criterion as ModelCriterion, Edition, Index, Methodology, Perspective, Scale, Sector,
    ShareImages, Site, SiteConfig, Submission,
};

/// A deterministic site: `companies` companies in 20 sectors, one edition, 8 criteria in two
/// perspectives (one inverted), every tenth company with too few responses.
fn site(companies: usize) -> Site {
    let text = |s: &str| Text::same(s, 1);
    let criteria: Vec<ModelCriterion> = (0..8)
        .map(|i| ModelCriterion {
            id: format!("criterion-{i}"),
            name: text(&format!("Criterion {i}")),
            question: None,
            weight: 1.0 + (i % 2) as f64,
            perspective: usize::from(i >= 5),
        })
        .collect();
    let sectors: Vec<Sector> = (0..20)
        .map(|i| Sector {
            id: format!("sector-{i}"),
            name: text(&format!("Sector {i}")),
            description: None,
        })
        .collect();
    let companies: Vec<Company> = (0..companies)
        .map(|i| Company {
            id: format!("company-{i}"),
            name: text(&format!("Company {i}")),
            sector: i % 20,
            website: None,
        })
        .collect();
    let submissions = (0..companies.len())
        .map(|i| Submission {
            company: i,
            sector: i % 20,
            responses: Some(if i % 10 == 0 { 12 } else { 200 }),
            left_out: Vec::new(),
            values: (0..8)
                .map(|c| {
                    let level = ((i * 7919 + c * 104_729) % 1000) as f64 / 1000.0;
                    Some(if c < 5 {
                        1.0 + 5.0 * level
                    } else {
                        100.0 * level
                    })
                })
                .collect(),
            sample: None,
        })
        .collect();
    Site {
        config: SiteConfig {
            title: text("Bench"),
            description: None,
            publisher: None,
            notice: None,
            base_url: "https://bench.example/".to_string(),
            languages: vec!["en".to_string()],
            theme: "default".to_string(),
            top: 50,
            rows_per_page: 100,
            precision: 1,
            min_sector_size: 3,
            allow_html: false,
            share_images: ShareImages::Editions,
            system_fonts: false,
            hosting: None,
            brand: None,
            custom_stylesheet: false,
        },
        methodology: Methodology {
            min_responses: 30,
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
                    scale: Scale { min: 1.0, max: 6.0 },
                    higher_is_better: false,
                    sampled: true,
                    min_responses: 30,
                    min_answers: 1,
                    not_answered: Vec::new(),
                    criteria: 0..5,
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
                    higher_is_better: true,
                    sampled: true,
                    min_responses: 30,
                    min_answers: 1,
                    not_answered: Vec::new(),
                    criteria: 5..8,
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

fn scoring(c: &mut Criterion) {
    for size in [1_000, 10_000] {
        let site = site(size);
        c.bench_function(&format!("score and rank {size} companies"), |b| {
            b.iter(|| rankpress::model::scoring::score_site(black_box(&site)))
        });
    }
}

fn header(id: &str) -> Header {
    Header {
        id: id.to_string(),
        title: "Criteria of Company 1 against the sector average".to_string(),
        description: "Eight criteria; the company is above the average in five.".to_string(),
        right_to_left: false,
    }
}

fn chart_drawing(c: &mut Criterion) {
    let pairs: Vec<Pair> = (0..8)
        .map(|i| Pair {
            label: format!("Criterion number {i}"),
            value: 40.0 + 7.0 * i as f64,
            value_text: format!("{:.1}", 40.0 + 7.0 * i as f64),
            reference: Some(55.0 + i as f64),
            reference_text: format!("{:.1}", 55.0 + i as f64),
            interval: None,
            census: false,
        })
        .collect();
    c.bench_function("criteria chart (8 paired bars)", |b| {
        b.iter(|| {
            charts::paired_bars(
                header("criteria"),
                black_box(&pairs),
                ["Company", "Sector average", "census: no sampling error"],
                ["Criterion", "Company", "Sector average", "Interval"],
            )
        })
    });
    let points: Vec<HistoryPoint> = (0..3)
        .map(|i| HistoryPoint {
            year: 2024 + i,
            score: 70.0 + 3.0 * f64::from(i),
            score_text: format!("{:.1}", 70.0 + 3.0 * f64::from(i)),
            rank_text: format!("#{}", 10 - i),
            interval: None,
            sector_average: Some(65.0 + f64::from(i)),
            sector_average_text: format!("{:.1}", 65.0 + f64::from(i)),
        })
        .collect();
    c.bench_function("history chart (3 editions)", |b| {
        b.iter(|| {
            charts::history(
                header("history"),
                black_box(&points),
                ["Company", "Average of its sector"],
                ["Edition", "Score"],
                [
                    "Edition",
                    "Score",
                    "Rank",
                    "Average of its sector",
                    "Interval",
                ],
            )
        })
    });
}

/// A company's share card, drawn and encoded as the build does it (one per company by default).
fn share_card(c: &mut Criterion) {
    use rankpress::draw::previews::{Card, PreviewRenderer};
    let fonts = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]
        .map(|name| std::fs::read(format!("themes/default/fonts/{name}")).unwrap_or_default());
    let renderer = PreviewRenderer::new(&fonts, rankpress::draw::previews::CardColours::default());
    let card = Card {
        kicker: "Most Customer-Oriented Service Providers 2026".into(),
        headline: "Bergmann & Söhne Versicherung".into(),
        subline: "Insurers".into(),
        figures: vec![
            ("Rank".into(), "12".into()),
            ("Score".into(), "84.3".into()),
            ("Sector rank".into(), "2 of 9".into()),
        ],
        list: Vec::new(),
        award: Some(("Sector winner".into(), "2026".into())),
        right_to_left: false,
    };
    // Cards of different companies, as a build draws them one after another.
    let cards: Vec<Card> = (0..64)
        .map(|i| Card {
            headline: format!("{} {i}", card.headline),
            figures: vec![
                ("Rank".into(), (i + 1).to_string()),
                ("Score".into(), format!("{}.{}", 90 - i / 10, i % 10)),
                ("Sector rank".into(), format!("{} of 9", i % 9 + 1)),
            ],
            ..card.clone()
        })
        .collect();
    let bytes = renderer.png(&card).map_or(0, |png| png.len());
    println!("share card with a seal: {bytes} bytes");
    let mut next = cards.iter().cycle();
    c.bench_function(
        "share card with a seal (lay out, set text, 4-bit PNG)",
        |b| b.iter(|| next.next().map(|card| renderer.png(black_box(card)))),
    );
    // Most companies of a large ranking are in no top group and win nothing: no seal.
    let plain: Vec<Card> = cards
        .iter()
        .map(|card| Card {
            award: None,
            headline: card.headline.replace("Versicherung", "AG"),
            ..card.clone()
        })
        .collect();
    let bytes = renderer.png(&plain[0]).map_or(0, |png| png.len());
    println!("share card without a seal: {bytes} bytes");
    let mut next = plain.iter().cycle();
    c.bench_function("share card without a seal", |b| {
        b.iter(|| next.next().map(|card| renderer.png(black_box(card))))
    });
}

criterion_group!(benches, scoring, chart_drawing, share_card);
criterion_main!(benches);
