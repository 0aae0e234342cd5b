//! rankpress: a static-site generator for customer-orientation benchmark reports.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md): [`input`] reads the site folder,
//! [`validate`] turns YAML/CSV into the [`model`], [`content`] reads the commentary, [`scoring`]
//! ranks, [`charts`] draws, [`render`] fills the theme's templates, and [`output`] writes the site.

// Input must never crash a build: no unwrap, expect, panic or unchecked indexing outside tests.
// Indices that validation guarantees go through the model's accessors, the one documented place
// that relies on them.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod badges;
pub mod build;
pub mod charts;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod embeds;
pub mod export;
pub mod feeds;
pub mod fuzzing;
pub mod input;
pub mod limits;
pub mod linkcheck;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pages;
pub mod previews;
pub mod progress;
pub mod raw;
pub mod render;
pub mod routes;
pub mod scoring;
pub mod search;
pub mod serve;
pub mod sink;
pub mod source;
pub mod text;
pub mod theme;
pub mod unique_map;
pub mod validate;
pub mod views;
