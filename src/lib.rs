//! rankpress: a static-site generator for customer-orientation benchmark reports.
//!
//! The pipeline, one folder per stage (see ARCHITECTURE.md): [`input`] reads the site folder,
//! [`model`] validates YAML/CSV into the validated model and scores it, [`content`] turns the
//! commentary into HTML, [`draw`] makes charts, seals and share cards, [`views`] prepares each
//! page's data, [`render`] fills the theme's templates and writes the other formats, [`pipeline`]
//! runs the stages, and [`output`] writes the site.

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

// The pipeline, one folder per stage (ARCHITECTURE.md maps them), then the small modules every
// stage shares.
pub mod content;
pub mod draw;
pub mod input;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod views;

pub mod date;
pub mod diagnostics;
pub mod escape;
pub mod fuzzing;
pub mod locale;
pub mod nofollow;
pub mod output;
pub mod rounding;
pub mod routes;
pub mod serve;
pub mod sink;
