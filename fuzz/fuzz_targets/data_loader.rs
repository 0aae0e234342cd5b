//! Fuzz target: see `rankpress::fuzzing::data_loader`. Run with `cargo +nightly fuzz run data_loader`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rankpress::fuzzing::data_loader(data));
