//! Fuzz target: see `rankpress::fuzzing::row_deflate`. Run with `cargo +nightly fuzz run row_deflate`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rankpress::fuzzing::row_deflate(data));
