//! Fuzz target: see `rankpress::fuzzing::csv_header`. Run with `cargo +nightly fuzz run csv_header`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rankpress::fuzzing::csv_header(data));
