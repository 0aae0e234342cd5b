//! Fuzz target: see `rankpress::fuzzing::spreadsheet`. Run with `cargo +nightly fuzz run spreadsheet`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rankpress::fuzzing::spreadsheet(data));
