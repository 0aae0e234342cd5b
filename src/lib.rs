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

// The library's surface: building, checking and serving a site, with their options and
// diagnostics. Everything else is the pipeline's inside, public only with the `internals`
// feature, which the tests, benchmarks and fuzz targets turn on: not an API anyone may rely on.
pub mod date;
pub mod default_theme;
pub mod diagnostics;
pub mod pipeline;
pub mod serve;

/// The address slug of a title (`rankpress new`'s file names).
pub use model::text::address_slug;

/// A site's interface strings in one language (what the commands say their messages with).
pub use locale::Locale;

/// Declares modules public with the `internals` feature and private to the crate without.
macro_rules! internal {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

// The pipeline, one folder per stage (ARCHITECTURE.md maps them), then the small modules every
// stage shares.
internal!(content, draw, input, model, render, views);
internal!(escape, locale, nofollow, output, rounding, routes, sink);

/// Entry points for the fuzz targets and their corpus tests.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod fuzzing;
