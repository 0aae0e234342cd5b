//! Fuzz target: see `rankpress::fuzzing::front_matter`. Run with `cargo +nightly fuzz run front_matter`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rankpress::fuzzing::front_matter(data));
