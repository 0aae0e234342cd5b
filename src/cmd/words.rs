//! The command line's own words in the site's first language: `--help` (what each command and
//! option does, the headings) and the usage errors clap finds before a command runs (an unknown
//! option, a missing or invalid value), from the theme's `cli_help_*` and `cli_usage_*`
//! strings. In English, and for an error this module has no words for, they are clap's own.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use rankpress::Locale;
use rankpress::pipeline::interface;

/// The words of the site the command line names: its `--root` (the current folder if none),
/// or for `init` the first of its `--languages`.
pub fn locale_for(args: &[OsString]) -> Locale {
    let args: Vec<String> = args
        .iter()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let value = |name: &str| {
        let joined = format!("{name}=");
        args.iter().enumerate().find_map(|(at, arg)| {
            if arg == name {
                args.get(at + 1).cloned()
            } else {
                arg.strip_prefix(&joined).map(str::to_string)
            }
        })
    };
    if args.get(1).is_some_and(|command| command == "init") {
        let languages = value("--languages").unwrap_or_default();
        let first = languages.split(',').next().unwrap_or_default();
        return interface::built_in_locale(if first.is_empty() { "en" } else { first });
    }
    interface::interface_locale(std::path::Path::new(&value("--root").unwrap_or_default()))
}

fn english(words: &Locale) -> bool {
    words.code == "en" || words.code.starts_with("en-")
}

/// `command` (clap's, from the derive) with its help in `words`: as it is in English.
pub fn localised(command: Command, words: &Locale) -> Command {
    if english(words) {
        return command;
    }
    let mut command = localise(command, words, "").disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(words.t("cli_help_version"))
            .help_heading(words.t("cli_usage_options")),
    );
    // clap adds its `help` command when the command is built; only then can it be worded.
    command.build();
    let help = words.t("cli_help_help_command");
    command.mut_subcommand("help", |sub| sub.about(help))
}

/// The key of the help of `command` (a path such as `new article`, empty for rankpress).
fn about_key(command: &str) -> Option<&'static str> {
    Some(match command {
        "" => "cli_help_about",
        "build" => "cli_help_build",
        "check" => "cli_help_check",
        "serve" => "cli_help_serve",
        "init" => "cli_help_init",
        "new" => "cli_help_new",
        "new article" => "cli_help_new_article",
        _ => return None,
    })
}

/// The key of the help of option or argument `arg` of `command`.
fn arg_key(command: &str, arg: &str) -> Option<&'static str> {
    Some(match (command, arg) {
        (_, "root") => "cli_help_root",
        (_, "base_url") => "cli_help_base_url",
        (_, "drafts") => "cli_help_drafts",
        (_, "out") => "cli_help_out",
        (_, "force") => "cli_help_force",
        (_, "precompress") => "cli_help_precompress",
        ("build", "verbose") => "cli_help_build_verbose",
        ("serve", "verbose") => "cli_help_serve_verbose",
        (_, "port") => "cli_help_port",
        (_, "bind") => "cli_help_bind",
        (_, "open") => "cli_help_open",
        (_, "folder") => "cli_help_folder",
        (_, "languages") => "cli_help_languages",
        (_, "title") => "cli_help_title",
        (_, "date") => "cli_help_date",
        _ => return None,
    })
}

/// The path of command `name` under `parent` as [`about_key`] and [`arg_key`] take it: empty
/// for rankpress itself, `build`, `new article`.
fn command_path(parent: &str, name: &str) -> String {
    match (parent, name) {
        ("", "rankpress") => String::new(),
        ("", name) => name.to_string(),
        (parent, name) => format!("{parent} {name}"),
    }
}

fn localise(command: Command, words: &Locale, parent: &str) -> Command {
    let path = command_path(parent, command.get_name());
    let options = words.t("cli_usage_options");
    let arguments = words.t("cli_usage_arguments");
    let default = words.t("cli_usage_default");
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        words.t("cli_usage_heading")
    );
    let mut command = command
        .help_template(template)
        .subcommand_help_heading(words.t("cli_usage_commands"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(words.t("cli_help_help")),
        )
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                &arguments
            } else {
                &options
            };
            let mut help = match arg_key(&path, arg.get_id().as_str()) {
                Some(key) => words.t(key),
                None => arg.get_help().map(ToString::to_string).unwrap_or_default(),
            };
            // clap's "[default: …]" is English: said here instead, and clap's hidden (clap
            // allows hiding it only on an option that takes a value).
            let defaults = arg.get_default_values();
            let hidden = arg.is_hide_default_value_set();
            let shown = !defaults.is_empty() && !hidden;
            if shown {
                let values: Vec<_> = defaults.iter().map(|v| v.to_string_lossy()).collect();
                help = format!("{help} [{default}: {}]", values.join(","));
            }
            arg.help(help)
                .long_help(None)
                .hide_default_value(shown || hidden)
                .help_heading(heading.clone())
        });
    if let Some(key) = about_key(&path) {
        command = command.about(words.t(key)).long_about(None);
    }
    command.mut_subcommands(|sub| localise(sub, words, &path))
}

/// Prints what clap stopped at (help, the version or a usage error), in `words` where this
/// module has words for it, and gives clap's exit status.
pub fn stopped(error: clap::Error, words: &Locale) -> ExitCode {
    let status = u8::try_from(error.exit_code()).unwrap_or(2);
    match (english(words), usage_error(&error, words)) {
        (false, Some(text)) => eprint!("{text}"),
        _ => {
            let _ = error.print();
        }
    }
    ExitCode::from(status)
}

fn string(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        _ => None,
    }
}

fn strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(text)) => vec![text.clone()],
        Some(ContextValue::Strings(texts)) => texts.clone(),
        _ => Vec::new(),
    }
}

/// The names given, each in backticks, as a list in `words`.
fn listed(names: &[String], words: &Locale) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    quoted.join(&diag(words, "diag_list_comma", &[]))
}

/// A string the diagnostics share (their labels), given by every language with `diag_*`
/// strings and English otherwise.
fn diag(words: &Locale, key: &str, values: &[(&str, &str)]) -> String {
    words.t_with(key, values)
}

/// A usage error as the diagnostics say problems: `error: …`, what was expected, a suggestion,
/// the usage line and where to read more. `None` for an error this module has no words for.
fn usage_error(error: &clap::Error, words: &Locale) -> Option<String> {
    let argument = || string(error, ContextKind::InvalidArg);
    let value = || string(error, ContextKind::InvalidValue);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => {
            words.t_with("cli_usage_unknown_argument", &[("argument", &argument()?)])
        }
        ErrorKind::InvalidSubcommand => words.t_with(
            "cli_usage_unknown_command",
            &[("command", &string(error, ContextKind::InvalidSubcommand)?)],
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => match (argument()?, value()?) {
            (argument, value) if value.is_empty() => {
                words.t_with("cli_usage_value_missing", &[("argument", &argument)])
            }
            (argument, value) => words.t_with(
                "cli_usage_invalid_value",
                &[("argument", &argument), ("value", &value)],
            ),
        },
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(error, ContextKind::InvalidArg);
            if missing.is_empty() {
                return None;
            }
            words.t_with(
                "cli_usage_missing",
                &[("arguments", &listed(&missing, words))],
            )
        }
        ErrorKind::ArgumentConflict
            if argument().is_some() && argument() == string(error, ContextKind::PriorArg) =>
        {
            words.t_with("cli_usage_twice", &[("argument", &argument()?)])
        }
        _ => return None,
    };
    let mut text = format!("{}: {message}\n", diag(words, "diag_error", &[]));
    let valid = strings(error, ContextKind::ValidValue);
    let expected = if !valid.is_empty() {
        Some(listed(&valid, words))
    } else if error.kind() == ErrorKind::ValueValidation {
        argument().and_then(|argument| match argument.split(' ').next() {
            Some("--port") => Some(words.t("cli_usage_expect_port")),
            Some("--bind") => Some(words.t("cli_usage_expect_address")),
            _ => None,
        })
    } else {
        None
    };
    if let Some(expected) = expected {
        text.push_str(&format!(
            "  = {}: {expected}\n",
            diag(words, "diag_expected", &[])
        ));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let names = strings(error, kind);
        if !names.is_empty() {
            let names = names.join("`, `");
            let suggestion = diag(words, "diag_did_you_mean", &[("name", &names)]);
            text.push_str(&format!(
                "  = {}: {suggestion}\n",
                diag(words, "diag_help", &[])
            ));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        text.push_str(&format!("\n{}: {usage}\n", words.t("cli_usage_heading")));
    }
    text.push_str(&format!(
        "\n{}\n",
        words.t_with("cli_usage_more", &[("help", "--help")])
    ));
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The worded command passes clap's own checks of its configuration (run in debug builds,
    /// as `cargo test` builds): a Russian site once panicked on every command there because a
    /// flag's default was hidden.
    #[test]
    fn the_worded_command_passes_claps_own_checks() {
        for code in ["ru", "ar", "ja", "de"] {
            let mut command = localised(crate::Cli::command(), &interface::built_in_locale(code));
            command.build();
            for sub in command.get_subcommands_mut() {
                sub.build();
            }
            command.debug_assert();
        }
    }

    /// en.yaml's `cli_help_*` strings, what a translation starts from, are the help clap shows
    /// in English: for every command and every option, so none is left in English elsewhere.
    #[test]
    fn the_english_strings_are_the_help_clap_shows() {
        let english = interface::built_in_locale("en");
        fn walk(command: &Command, parent: &str, english: &Locale) -> usize {
            let path = command_path(parent, command.get_name());
            let key = about_key(&path).unwrap_or_else(|| panic!("no words for `{path}`"));
            let about = command.get_about().map(ToString::to_string);
            assert_eq!(Some(english.t(key)), about, "{path}");
            let mut checked = 1;
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                let key = arg_key(&path, id).unwrap_or_else(|| panic!("`{path}` `{id}`"));
                let help = arg.get_help().map(ToString::to_string);
                assert_eq!(Some(english.t(key)), help, "{path} {id}");
                checked += 1;
            }
            checked
                + command
                    .get_subcommands()
                    .map(|sub| walk(sub, &path, english))
                    .sum::<usize>()
        }
        assert!(walk(&crate::Cli::command(), "", &english) > 20);
    }
}
