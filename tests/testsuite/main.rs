//! The integration tests: fixture sites written to temporary folders, run through the library
//! and the `rankpress` binary.

mod bounded_cost;
mod brand;
mod commands;
mod doc_links;
mod errors;
mod escaping;
mod example_site;
mod exports;
mod fuzz_corpus;
mod guarded_numbers;
mod honest_texts;
mod hostile;
mod hosting;
mod incremental;
mod languages;
mod no_script;
mod output_folder;
mod paging;
mod placement;
mod planted_output;
mod properties;
mod publishing;
mod reliability;
mod respondents;
mod scoring;
mod serve;
mod spreadsheets;
mod structure;
mod support;
mod weights;
