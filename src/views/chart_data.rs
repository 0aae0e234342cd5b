//! The data of the five charts, taken from the results and labelled in the page's language, then
//! drawn by `draw::charts`.

use super::*;
use crate::draw::charts::{Dot, DotLook, Key, KeyMark};

/// The most rows the chart of the top of the ranking shows.
const MAX_TOP_CHART_ROWS: usize = 20;

impl ViewBuilder<'_> {
    pub(super) fn sector_comparison_chart(
        &self,
        results: &EditionResults,
        id: &str,
    ) -> Result<Option<Chart>, ChartError> {
        // (sector, its average, its ranked companies)
        let mut sectors: Vec<(usize, f64, usize)> = results
            .sectors
            .iter()
            .filter_map(|s| s.averages.score.map(|a| (s.sector, a, s.ranked.len())))
            .collect();
        if sectors.is_empty() {
            return Ok(None);
        }
        sectors.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // A sector with fewer ranked companies than a winner needs does not lead. Every sector
        // whose published average equals the best one's leads with it: two sectors that both
        // show 70.8 share the lead, whatever their unrounded averages.
        let min = self.data.site.config.min_sector_size.max(1);
        let can_lead = |s: &(usize, f64, usize)| s.2 >= min;
        let best_text = sectors
            .iter()
            .find(|s| can_lead(s))
            .map(|s| self.locale.score(s.1));
        let leads =
            |s: &(usize, f64, usize)| can_lead(s) && Some(self.locale.score(s.1)) == best_text;
        let dots: Vec<Dot> = sectors
            .iter()
            .map(|s| Dot {
                label: self.locale.t_embedding(
                    "chart_sector_bar",
                    &[
                        ("sector", &self.sector_name(s.0)),
                        ("count", &s.2.to_string()),
                    ],
                ),
                value: s.1,
                value_text: self.locale.score(s.1),
                interval: None,
                look: if leads(s) {
                    DotLook::Leading
                } else if can_lead(s) {
                    DotLook::Plain
                } else {
                    DotLook::Hollow
                },
                shaded: false,
            })
            .collect();
        let overall = results.averages.score.unwrap_or_default();
        let overall_text = self.locale.score(overall);
        let leaders: Vec<String> = sectors
            .iter()
            .filter(|s| leads(s))
            .map(|s| self.sector_name(s.0))
            .collect();
        let small: Vec<String> = sectors
            .iter()
            .filter(|s| !can_lead(s))
            .map(|s| self.sector_name(s.0))
            .collect();
        let mut description = self
            .locale
            .t_embedding("chart_sectors_desc", &[("average", &overall_text)]);
        if let Some(best) = &best_text {
            description.push(' ');
            description.push_str(&self.locale.t_embedding(
                if leaders.len() > 1 {
                    "chart_sectors_shared_lead"
                } else {
                    "chart_sectors_lead"
                },
                &[("best", &self.locale.and_list(&leaders)), ("best_score", best)],
            ));
        }
        if !small.is_empty() {
            description.push(' ');
            description.push_str(&self.locale.t_count_embedding(
                "chart_sectors_small",
                min as u64,
                &[("sectors", &self.locale.and_list(&small))],
            ));
        }
        let header = Header {
            id: id.to_string(),
            title: self.locale.t_embedding(
                "chart_sectors_title",
                &[("year", &results.year.to_string())],
            ),
            description,
            right_to_left: self.locale.right_to_left(),
        };
        let mut keys = vec![Key {
            mark: KeyMark::Dot(DotLook::Plain),
            label: self.t("average_score"),
        }];
        if !leaders.is_empty() {
            keys.push(Key {
                mark: KeyMark::Dot(DotLook::Leading),
                label: self.t("chart_key_leader"),
            });
        }
        if !small.is_empty() {
            keys.push(Key {
                mark: KeyMark::Dot(DotLook::Hollow),
                label: self.t("chart_key_too_few"),
            });
        }
        keys.push(Key {
            mark: KeyMark::Reference,
            label: self
                .locale
                .t_embedding("chart_overall_average", &[("value", &overall_text)]),
        });
        charts::dot_plot(
            header,
            &dots,
            Some(overall),
            &keys,
            [
                &self.t("sector"),
                &self.t("average_score"),
                &self.t("interval"),
            ],
        )
        .map(|chart| Some(self.with_source(chart, Some(results))))
    }

    /// The top of the ranking (the top list, at most 20) as dots with their intervals, rows that
    /// share a place shaded: how far apart the leaders really are.
    pub(super) fn top_chart(
        &self,
        results: &EditionResults,
        id: &str,
    ) -> Result<Option<Chart>, ChartError> {
        let entries: Vec<&Ranked> = results
            .ranked
            .iter()
            .filter(|e| e.top)
            .take(MAX_TOP_CHART_ROWS)
            .collect();
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            return Ok(None);
        };
        let dots: Vec<Dot> = entries
            .iter()
            .map(|entry| Dot {
                label: format!("{}. {}", entry.rank, self.company_name(entry.company)),
                value: entry.score,
                value_text: self.locale.units(entry.units),
                interval: self.entry_chart_interval(entry),
                look: DotLook::Plain,
                shaded: entry.tied,
            })
            .collect();
        let mut header = Header {
            id: id.to_string(),
            title: self.locale.t_embedding(
                "chart_top_title",
                &[
                    ("count", &dots.len().to_string()),
                    ("year", &results.year.to_string()),
                ],
            ),
            description: self.locale.t_embedding(
                "chart_top_desc",
                &[
                    ("high", &self.locale.units(first.units)),
                    ("low", &self.locale.units(last.units)),
                ],
            ),
            right_to_left: self.locale.right_to_left(),
        };
        let intervals = dots.iter().any(|d| d.interval.is_some());
        if intervals {
            self.add_interval_sentence(&mut header, "chart_dot_intervals_desc");
        }
        self.add_census_sentence(&mut header, dots.iter().map(|d| &d.interval));
        let shared = dots.iter().any(|d| d.shaded);
        if shared {
            header.description.push(' ');
            header.description.push_str(&self.t("chart_shared_rows"));
        }
        let mut keys = vec![Key {
            mark: KeyMark::Dot(DotLook::Plain),
            label: self.t("score"),
        }];
        if intervals {
            keys.push(Key {
                mark: KeyMark::Whisker,
                label: self.interval_key(),
            });
        }
        if shared {
            keys.push(Key {
                mark: KeyMark::Shade,
                label: self.t("tied"),
            });
        }
        let mut chart = charts::dot_plot(
            header,
            &dots,
            None,
            &keys,
            [&self.t("company"), &self.t("score"), &self.t("interval")],
        )?;
        // How many answered, beside each interval: in the table and so in the chart's tips.
        let respondents: Vec<Option<u64>> =
            entries.iter().map(|e| self.first_sampled(e)).collect();
        if respondents.iter().any(Option::is_some) {
            chart.table.head.push(self.t("respondents"));
            for (row, n) in chart.table.rows.iter_mut().zip(&respondents) {
                row.push(n.map_or_else(|| "–".to_string(), |n| self.locale.count(n)));
            }
        }
        Ok(Some(self.with_source(chart, Some(results))))
    }

    /// What a whisker is, for a chart's key: "95 % interval".
    fn interval_key(&self) -> String {
        self.locale
            .t_embedding("chart_key_interval", &[("level", &self.confidence_level())])
    }

    pub(super) fn scatter_chart(
        &self,
        results: &EditionResults,
        id: &str,
    ) -> Result<Option<Chart>, ChartError> {
        let perspectives = &self.data.site.methodology.perspectives;
        if perspectives.len() < 2 || results.ranked.len() < 2 {
            return Ok(None);
        }
        let (Some(x_perspective), Some(y_perspective)) =
            (perspectives.get(1), perspectives.first())
        else {
            return Ok(None);
        };
        let (x_name, y_name) = (
            x_perspective.name.get(self.lang()),
            y_perspective.name.get(self.lang()),
        );
        let points: Vec<ScatterPoint> = results
            .ranked
            .iter()
            .map(|entry| ScatterPoint {
                label: self.company_name(entry.company),
                x: entry.perspective_score(1),
                y: entry.perspective_score(0),
                x_text: self.locale.score(entry.perspective_score(1)),
                y_text: self.locale.score(entry.perspective_score(0)),
            })
            .collect();
        let pairs: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
        let r = charts::correlation(&pairs);
        let r_text = r.map_or_else(
            || "–".to_string(),
            |r| self.locale.number_text(&format!("{r:.2}")),
        );
        let header = Header {
            id: id.to_string(),
            title: self.locale.t_embedding(
                "chart_scatter_title",
                &[("x", x_name), ("y", y_name), ("r", &r_text)],
            ),
            description: {
                let mut description = self.locale.t_count_embedding(
                    "chart_scatter_desc",
                    points.len() as u64,
                    &[("x", x_name), ("y", y_name), ("r", &r_text)],
                );
                // A sentence about the relation only when the data show one, in its direction.
                let finding = match correlation_finding(r, points.len()) {
                    Some(Relation::Positive) => Some(
                        self.locale
                            .t_embedding("chart_scatter_positive", &[("x", x_name), ("y", y_name)]),
                    ),
                    Some(Relation::Negative) => Some(
                        self.locale
                            .t_embedding("chart_scatter_negative", &[("x", x_name), ("y", y_name)]),
                    ),
                    None => None,
                };
                if let Some(finding) = finding {
                    description.push(' ');
                    description.push_str(&finding);
                }
                description
            },
            right_to_left: self.locale.right_to_left(),
        };
        let company = self.t("company");
        let mut chart = charts::scatter(
            header,
            &points,
            [x_name, y_name],
            [&company, x_name, y_name],
        )?;
        let head_langs = vec![
            None,
            self.written_in(&x_perspective.name),
            self.written_in(&y_perspective.name),
        ];
        if head_langs.iter().any(Option::is_some) {
            chart.table.head_langs = head_langs;
        }
        if chart.table.rows.len() > charts::MAX_TABLE_ROWS {
            // The edition's CSV has every company's perspective scores.
            chart.table.rows = Vec::new();
            chart.download = Some(charts::Download {
                text: self.t("chart_data_download"),
                label: "ranking.csv".to_string(),
                href: self
                    .linker
                    .file(&OutputFile::RankingCsv(results.year)),
            });
        }
        Ok(Some(self.with_source(chart, Some(results))))
    }

    /// A sector's ranked companies as bars, with the sector average marked.
    pub fn sector_chart(
        &self,
        results: &EditionResults,
        sector: usize,
        id: &str,
    ) -> Result<Option<Chart>, ChartError> {
        let sector_results = &results.sector(sector);
        if sector_results.ranked.is_empty() {
            return Ok(None);
        }
        let name = self.sector_name(sector);
        let average = sector_results.averages.score;
        let average_text = average
            .map(|a| self.locale.score(a))
            .unwrap_or_else(|| "–".to_string());
        let bars: Vec<Bar> = sector_results
            .ranked
            .iter()
            .map(|&i| {
                let entry = &results.ranked_at(i);
                Bar {
                    label: format!(
                        "{}. {}",
                        entry.sector_rank,
                        self.company_name(entry.company)
                    ),
                    value: entry.score,
                    value_text: self.locale.units(entry.units),
                    highlight: entry.sector_winner,
                    interval: self.entry_chart_interval(entry),
                }
            })
            .collect();
        let mut header = Header {
            id: id.to_string(),
            title: self.locale.t_embedding(
                "chart_sector_title",
                &[("sector", &name), ("year", &results.year.to_string())],
            ),
            description: self.locale.t_count_embedding(
                "chart_sector_desc",
                bars.len() as u64,
                &[
                    ("sector", &name),
                    ("average", &average_text),
                    ("best", bars.first().map_or("", |b| b.label.as_str())),
                ],
            ),
            right_to_left: self.locale.right_to_left(),
        };
        if bars.iter().any(|b| b.interval.is_some()) {
            self.add_interval_sentence(&mut header, "chart_intervals_desc");
        }
        self.add_census_sentence(&mut header, bars.iter().map(|b| &b.interval));
        if let Some(leader) = sector_results
            .ranked
            .iter()
            .map(|&i| results.ranked_at(i))
            .find(|e| e.narrow_win())
        {
            header.description.push(' ');
            header.description.push_str(&self.locale.t_embedding(
                "chart_narrow_lead",
                &[("company", &self.company_name(leader.company))],
            ));
        }
        let reference = average.map(|a| {
            (
                a,
                self.locale
                    .t_embedding("chart_sector_average", &[("value", &average_text)]),
            )
        });
        let mut keys = Vec::new();
        if bars.iter().any(|b| b.highlight) {
            keys.push(Key {
                mark: KeyMark::HighlightBar,
                label: self.t("sector_winner"),
            });
            keys.push(Key {
                mark: KeyMark::Bar,
                label: self.t("score"),
            });
        }
        if bars.iter().any(|b| b.interval.is_some()) {
            keys.push(Key {
                mark: KeyMark::Whisker,
                label: self.interval_key(),
            });
        }
        charts::ranked_bars(
            header,
            &bars,
            reference,
            &keys,
            [&self.t("company"), &self.t("score"), &self.t("interval")],
        )
        .map(|chart| Some(self.with_source(chart, Some(results))))
    }

    /// A company's criteria against its sector's averages in its latest ranked edition.
    pub fn criteria_chart(&self, company: usize, id: &str) -> Result<Option<Chart>, ChartError> {
        let site = self.data.site;
        let name = self.company_name(company);
        let latest_ranked = self
            .data
            .results
            .iter()
            .rev()
            .find_map(|r| r.ranked_entry(company).map(|e| (r, e)));
        let Some((results, entry)) = latest_ranked else {
            return Ok(None);
        };
        // The sector the company had in that edition.
        let sector_name = self.sector_name(entry.sector);
        let sector_averages = &results.sector(entry.sector).averages;
        let pairs: Vec<Pair> = site
            .methodology
            .criteria
            .iter()
            .enumerate()
            .map(|(c, criterion)| {
                let reference = sector_averages.criteria.get(c).copied().flatten();
                Pair {
                    census: entry.respondents.is_some()
                        && !site.methodology.perspective(criterion.perspective).sampled,
                    label: criterion.name.get(self.lang()).to_string(),
                    value: entry.criterion_score(c),
                    value_text: self.locale.score(entry.criterion_score(c)),
                    reference,
                    reference_text: reference.map(|r| self.locale.score(r)).unwrap_or_default(),
                    interval: self.criterion_chart_interval(entry, c),
                }
            })
            .collect();
        let above = pairs
            .iter()
            .filter(|p| p.reference.is_some_and(|r| p.value > r))
            .count();
        let mut header = Header {
            id: id.to_string(),
            title: self.locale.t_embedding(
                "chart_criteria_title",
                &[("company", &name), ("year", &results.year.to_string())],
            ),
            description: self.locale.t_count_embedding(
                "chart_criteria_desc",
                pairs.len() as u64,
                &[
                    ("company", &name),
                    ("sector", &sector_name),
                    ("above", &self.locale.count(above as u64)),
                ],
            ),
            right_to_left: self.locale.right_to_left(),
        };
        if pairs
            .iter()
            .any(|p| p.interval.as_ref().is_some_and(|(low, high, _)| low < high))
        {
            self.add_interval_sentence(&mut header, "chart_intervals_desc");
        }
        self.add_census_sentence(&mut header, pairs.iter().map(|p| &p.interval));
        let average_label = self
            .locale
            .t_embedding("sector_average_of", &[("sector", &sector_name)]);
        let mut chart = charts::paired_bars(
            header,
            &pairs,
            [&name, &average_label, &self.t("census_no_error")],
            [
                &self.t("criterion"),
                &name,
                &average_label,
                &self.t("interval"),
            ],
        )?;
        let row_langs = self.criterion_langs();
        if row_langs.iter().any(Option::is_some) {
            chart.table.row_langs = row_langs;
        }
        Ok(Some(self.with_source(chart, Some(results))))
    }

    /// A company's score and rank over the editions it was ranked in, with its sector's average;
    /// none for a company ranked in fewer than two editions (one point is not a line: the
    /// history table has it).
    pub fn history_chart(&self, company: usize, id: &str) -> Result<Option<Chart>, ChartError> {
        let name = self.company_name(company);
        // Each point with its rank: the description names the latest as a number in a
        // sentence that says "rank" in its own words (not the chart label's "#3").
        let (points, ranks): (Vec<HistoryPoint>, Vec<usize>) = self
            .data
            .results
            .iter()
            .filter_map(|results| {
                results.ranked_entry(company).map(|entry| {
                    let average = results.sector(entry.sector).averages.score;
                    let point = HistoryPoint {
                        year: results.year,
                        score: self.locale.rounding.value(entry.units),
                        score_text: self.locale.units(entry.units),
                        rank_text: self
                            .locale
                            .t_embedding("rank_short", &[("rank", &entry.rank.to_string())]),
                        interval: self.entry_chart_interval(entry),
                        sector_average: average,
                        sector_average_text: average
                            .map(|a| self.locale.score(a))
                            .unwrap_or_default(),
                    };
                    (point, entry.rank)
                })
            })
            .unzip();
        if points.len() < 2 {
            return Ok(None);
        }
        let (Some(first), Some(last), Some(last_rank)) =
            (points.first(), points.last(), ranks.last())
        else {
            return Ok(None);
        };
        // The real extremes; the earliest edition where a value repeats.
        let high = points
            .iter()
            .reduce(|best, p| if p.score > best.score { p } else { best })
            .unwrap_or(first);
        let low = points
            .iter()
            .reduce(|worst, p| if p.score < worst.score { p } else { worst })
            .unwrap_or(first);
        let mut header = Header {
            id: id.to_string(),
            title: self
                .locale
                .t_embedding("chart_history_title", &[("company", &name)]),
            description: self.locale.t_count_embedding(
                "chart_history_desc",
                points.len() as u64,
                &[
                    ("company", &name),
                    ("first_year", &first.year.to_string()),
                    ("first_score", &first.score_text),
                    ("last_year", &last.year.to_string()),
                    ("last_score", &last.score_text),
                    ("last_rank", &last_rank.to_string()),
                    ("high_year", &high.year.to_string()),
                    ("high_score", &high.score_text),
                    ("low_year", &low.year.to_string()),
                    ("low_score", &low.score_text),
                ],
            ),
            right_to_left: self.locale.right_to_left(),
        };
        if points.iter().any(|p| p.interval.is_some()) {
            self.add_interval_sentence(&mut header, "chart_history_intervals_desc");
        }
        self.add_census_sentence(&mut header, points.iter().map(|p| &p.interval));
        let sector_label = self.t("chart_history_sector");
        charts::history(
            header,
            &points,
            [&name, &sector_label],
            [&self.t("edition"), &self.t("score")],
            [
                &self.t("edition"),
                &self.t("score"),
                &self.t("rank"),
                &sector_label,
                &self.t("interval"),
            ],
        )
        .map(|chart| Some(self.with_source(chart, None)))
    }

    /// Adds to a chart's description that a census is drawn as a single mark, when one of
    /// `intervals` is a census's (no sampling error: `census_or_interval`).
    fn add_census_sentence<'i>(
        &self,
        header: &mut Header,
        mut intervals: impl Iterator<Item = &'i Option<crate::draw::charts::Interval>>,
    ) {
        let census = self.t("census_no_error");
        if intervals.any(|i| i.as_ref().is_some_and(|(_, _, text)| *text == census)) {
            header.description.push(' ');
            header.description.push_str(&self.t("chart_census_desc"));
        }
    }

    /// Adds to a chart's description the sentence (interface string `key`) that says what its
    /// whiskers are.
    fn add_interval_sentence(&self, header: &mut Header, key: &str) {
        let sentence = self
            .locale
            .t_embedding(key, &[("level", &self.confidence_level())]);
        header.description.push(' ');
        header.description.push_str(&sentence);
    }

    /// `chart` with its source line.
    fn with_source(&self, mut chart: Chart, results: Option<&EditionResults>) -> Chart {
        chart.source = Some(charts::Source {
            text: self.source_line(results),
            label: self.t("nav_methodology"),
            href: self.linker.page(&Route::methodology()),
        });
        chart
    }

    /// Where an edition's numbers come from, in words: the publisher and the edition, the
    /// respondents and the fieldwork where known ("Source: Service Ranking Institute, Most
    /// Customer-Oriented Service Providers 2026 · Customer opinions: 8,123 · Fieldwork: 2 February
    /// 2026 to 27 March 2026"). Without an edition (a company's history over all of them): the
    /// publisher, the site and the years of its editions.
    pub(super) fn source_line(&self, results: Option<&EditionResults>) -> String {
        let config = &self.data.site.config;
        // Names of either direction (an English publisher on an Arabic page) are isolated, or
        // the line's punctuation and numbers jump around them.
        let isolated = |text: &str| {
            if self.locale.right_to_left() {
                format!("\u{2068}{text}\u{2069}")
            } else {
                text.to_string()
            }
        };
        let publisher = isolated(
            config
                .publisher
                .as_ref()
                .unwrap_or(&config.title)
                .get(self.lang()),
        );
        let mut parts = Vec::new();
        match results {
            Some(results) => {
                parts.push(self.locale.t_with(
                    "source_publisher",
                    &[
                        ("publisher", &publisher),
                        ("work", &isolated(&self.edition_title(results.year))),
                    ],
                ));
                let edition = self.data.site.edition(results.year);
                if let Some(respondents) = self.respondents_shown(results) {
                    parts.push(format!(
                        "{}: {}",
                        self.t("respondents"),
                        self.locale.count(respondents)
                    ));
                }
                if let Some((start, end)) = edition
                    .and_then(|e| e.survey.as_ref())
                    .and_then(|s| s.fieldwork.as_ref())
                {
                    parts.push(format!(
                        "{}: {}",
                        self.t("survey_fieldwork"),
                        self.locale.t_embedding(
                            "survey_fieldwork_dates",
                            &[
                                ("start", &self.locale.date(start)),
                                ("end", &self.locale.date(end)),
                            ],
                        )
                    ));
                }
            }
            None => {
                let title = isolated(config.title.get(self.lang()));
                let years: Vec<i32> = self.data.results.iter().map(|r| r.year).collect();
                let work = match (years.first(), years.last()) {
                    (Some(first), Some(last)) if first != last => {
                        // A word joiner after the dash: the years are never broken there.
                        let years =
                            self.locale.isolate(format!("{first}\u{2013}\u{2060}{last}"));
                        format!("{title} {years}")
                    }
                    (Some(year), _) => format!("{title} {year}"),
                    _ => title,
                };
                parts.push(self.locale.t_with(
                    "source_publisher",
                    &[("publisher", &publisher), ("work", &work)],
                ));
            }
        }
        // The names in it are isolated already; the line as a whole is the page's own.
        self.locale
            .t_with("source_line", &[("source", &parts.join(" \u{b7} "))])
    }

}

/// The direction of a relation a scatter chart may state in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Relation {
    Positive,
    Negative,
}

/// Below this correlation, or with fewer companies, a chart states no relation: a weak or
/// chance correlation is not a finding.
const MIN_STATED_CORRELATION: f64 = 0.3;
const MIN_COMPANIES_FOR_A_FINDING: usize = 10;

/// The relation a chart of `count` companies with correlation `r` may state: none when r is
/// unknown, small (|r| < 0.3) or rests on fewer than ten companies; else its sign.
pub(crate) fn correlation_finding(r: Option<f64>, count: usize) -> Option<Relation> {
    let r = r?;
    if count < MIN_COMPANIES_FOR_A_FINDING || r.abs() < MIN_STATED_CORRELATION {
        return None;
    }
    Some(if r > 0.0 {
        Relation::Positive
    } else {
        Relation::Negative
    })
}

#[cfg(test)]
mod finding_tests {
    use super::{Relation, correlation_finding};

    /// A relation is stated only from |r| = 0.3 on and with ten companies or more, in the
    /// direction of r.
    #[test]
    fn a_relation_is_stated_only_when_the_data_show_one() {
        assert_eq!(
            correlation_finding(Some(-0.99), 90),
            Some(Relation::Negative)
        );
        assert_eq!(correlation_finding(Some(0.3), 10), Some(Relation::Positive));
        assert_eq!(correlation_finding(Some(0.29), 90), None);
        assert_eq!(correlation_finding(Some(-0.2), 90), None);
        assert_eq!(correlation_finding(Some(0.95), 9), None);
        assert_eq!(correlation_finding(None, 90), None);
    }

}
