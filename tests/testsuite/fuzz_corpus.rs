//! Replays the fuzz corpus (fuzz/corpus/<target>/) through the fuzz entry points on stable Rust,
//! so that every input the fuzzers were seeded with, and every past finding added there, is
//! checked by `cargo test` without nightly or libFuzzer.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&folder).expect("corpus folder") {
        let path = entry.expect("corpus entry").path();
        let bytes = std::fs::read(&path).expect("corpus file");
        run(&bytes);
        count += 1;
    }
    assert!(count >= 5, "{target}: only {count} corpus files");
}

#[test]
fn the_data_loader_corpus_runs_without_a_panic() {
    replay("data_loader", rankpress::fuzzing::data_loader);
}

#[test]
fn the_front_matter_corpus_runs_without_a_panic() {
    replay("front_matter", rankpress::fuzzing::front_matter);
}

#[test]
fn the_embeds_corpus_runs_without_a_panic() {
    replay("embeds", rankpress::fuzzing::embeds);
}

#[test]
fn the_csv_header_corpus_runs_without_a_panic() {
    replay("csv_header", rankpress::fuzzing::csv_header);
}

#[test]
fn the_markdown_safety_corpus_keeps_every_page_free_of_script() {
    replay("markdown_safety", rankpress::fuzzing::markdown_safety);
}

#[test]
fn the_spreadsheet_corpus_runs_without_a_panic() {
    replay("spreadsheet", rankpress::fuzzing::spreadsheet);
}

#[test]
fn the_row_deflate_corpus_inflates_to_the_same_rows() {
    replay("row_deflate", rankpress::fuzzing::row_deflate);
}
