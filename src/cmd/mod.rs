//! The subcommands, one file each: parse-level options in, exit status out.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
pub mod words;
