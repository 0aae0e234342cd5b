//! Fuzz target: see `rankpress::fuzzing::embeds`. Run with `cargo +nightly fuzz run embeds`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rankpress::fuzzing::embeds(data));
