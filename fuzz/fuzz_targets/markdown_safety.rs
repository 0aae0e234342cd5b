//! Fuzz target: see `rankpress::fuzzing::markdown_safety`. Run with `cargo +nightly fuzz run markdown_safety`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rankpress::fuzzing::markdown_safety(data));
