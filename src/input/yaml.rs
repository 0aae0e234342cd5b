//! Parsing YAML into serde types with every problem located: serde's message becomes a
//! diagnostic at the file's line and column, duplicate keys point at the second key, and nesting
//! that would make the parser slow is refused before it starts.

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, Phrase, did_you_mean};
use crate::input::source::{DataPath, SourceFile};

/// Deserialises a whole YAML document, turning serde's message into a located diagnostic.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    if file.text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(&file.name, "the file is empty")
                .expected("a YAML document")
                .says("diag_empty_file", &[])
                .expects("diag_yaml_expected", &[]),
        );
        return None;
    }
    if let Some((line, column)) = flow_nesting_beyond(&file.text, MAX_YAML_NESTING) {
        // libyaml's scanner takes time growing with the square of the nesting of `[` and `{`:
        // such a document is refused before it is parsed.
        diagnostics.push(
            file.error_at(
                line + file.first_line - 1,
                column,
                format!("the data is nested more than {MAX_YAML_NESTING} levels deep"),
            )
            .expected("lists and maps nested a few levels, as in docs/format.md")
            .says(
                "diag_nested_deeper",
                &[("levels", &MAX_YAML_NESTING.to_string())],
            )
            .expects("diag_nesting_expected", &[]),
        );
        return None;
    }
    let deserializer = serde_yaml::Deserializer::from_str(&file.text);
    match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Ok(value) => Some(value),
        Err(error) => {
            let path = data_path(error.path());
            let inner = error.into_inner();
            diagnostics.push(yaml_error(file, &path, &inner));
            None
        }
    }
}

/// serde_yaml's own limit on nesting, which the pre-scan applies to `[` and `{` before parsing.
const MAX_YAML_NESTING: usize = 128;

/// Where the nesting of flow collections (`[`, `{`) first goes beyond `limit`, as a 1-based line
/// and column, judged in one linear pass: brackets in quoted strings and comments do not count,
/// and an opening bracket counts only where a YAML node can start (after `:`, `-`, `,`, `?`,
/// another opening bracket, or at the start of a line).
fn flow_nesting_beyond(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1usize, 0usize);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    let mut spaced = true;
    // The last character that was not a space, on this line.
    let mut previous: Option<char> = None;
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            comment = false;
            spaced = true;
            previous = None;
            continue;
        }
        if comment {
            continue;
        }
        if let Some(open) = quote {
            if escaped {
                escaped = false;
            } else if open == '"' && c == '\\' {
                escaped = true;
            } else if c == open {
                quote = None;
                previous = Some(c);
            }
            continue;
        }
        let node_can_start = matches!(previous, None | Some(':' | '-' | ',' | '?' | '[' | '{'));
        let after_space = std::mem::replace(&mut spaced, matches!(c, ' ' | '\t'));
        match c {
            ' ' | '\t' | '\r' => continue,
            // A comment starts at a `#` after a space or at the start of a line only.
            '#' if after_space || previous.is_none() => {
                comment = true;
                continue;
            }
            '\'' | '"' if node_can_start => quote = Some(c),
            '[' | '{' if node_can_start => {
                depth += 1;
                if depth > limit {
                    return Some((line, column));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = Some(c);
    }
    None
}

/// serde's path to a value as a [`DataPath`]; the parts serde could not name end it.
fn data_path(path: &serde_path_to_error::Path) -> DataPath {
    use serde_path_to_error::Segment;
    let mut steps = DataPath::root();
    for segment in path.iter() {
        steps = match segment {
            Segment::Seq { index } => steps.index(*index),
            Segment::Map { key } => steps.key(key),
            Segment::Enum { .. } => continue,
            Segment::Unknown => break,
        };
    }
    steps
}

/// The key named in a duplicate-key message of serde (`duplicate field `x``), serde_yaml
/// (`duplicate entry with key "x"`) or [`crate::input::unique_map`] (`duplicate key `x``).
fn duplicated_key(message: &str) -> Option<&str> {
    for (start, end) in [
        ("duplicate field `", '`'),
        ("duplicate key `", '`'),
        ("duplicate entry with key \"", '"'),
    ] {
        if let Some(at) = message.find(start) {
            let rest = message.get(at + start.len()..)?;
            return rest.split(end).next();
        }
    }
    None
}

fn yaml_error(file: &SourceFile, path: &DataPath, error: &serde_yaml::Error) -> Diagnostic {
    let mut message = error.to_string();
    // serde_yaml appends the location; we show it in the diagnostic's own place.
    if let Some(at) = message.find(" at line ") {
        message.truncate(at);
    }
    // serde_yaml prefixes the path (`results[3].scores: ...`): the location says it better.
    if let Some((prefix, rest)) = message.split_once(": ")
        && !prefix.contains(' ')
    {
        message = rest.to_string();
    }
    let mut hint = None;
    if let Some(start) = message.find("unknown field `") {
        let tail = message.get(start + 15..).unwrap_or_default();
        if let Some(end) = tail.find('`') {
            let unknown = tail.get(..end).unwrap_or_default().to_string();
            let known: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
            hint = did_you_mean(&unknown, known.iter().copied());
        }
    }
    if let Some(key) = duplicated_key(&message) {
        let key = key.to_string();
        let text = format!("`{key}` is given twice in the same mapping");
        let located = file.duplicate_key(path, &key).map(|(line, column)| {
            file.error_at(line, column, text.clone())
                .expected(
                    "each key once: with two values, the second would silently replace the first",
                )
                .says("diag_key_twice", &[("key", &key)])
                .expects("diag_key_once_expected", &[])
        });
        if let Some(diagnostic) = located {
            return diagnostic
                .hint(Some(format!("keep one `{key}:` and delete the other")))
                .suggests("diag_keep_one", &[("key", &key)]);
        }
    }
    let message = message
        .replace("expected f64", "expected a number")
        .replace("expected u64", "expected a whole number of at least 0")
        .replace("expected u32", "expected a whole number of at least 0")
        .replace(
            "expected a sequence",
            "expected a list (lines starting with `- `)",
        )
        .replace(
            "recursion limit exceeded",
            "the data is nested too deeply (more than 128 levels)",
        )
        .replace(
            "repetition limit exceeded",
            "aliases (`*name`) expand to too much data (repetition limit exceeded)",
        );
    // A value rankpress refused after reading it: the value is the place, not its mapping.
    let about_the_value = message.contains("characters rankpress takes");
    let diagnostic = match error.location() {
        _ if about_the_value && file.locate(path).is_some() => file.error_at_path(path, message),
        Some(location) => file.error_at(
            location.line() + file.first_line - 1,
            location.column(),
            message,
        ),
        None => file.error_at_path(path, message),
    };
    let phrase = phrase_of(&diagnostic.message);
    let diagnostic = diagnostic.saying(phrase);
    match hint {
        Some(hint) => diagnostic.hint(Some(hint)),
        None => {
            // A quoted value that goes on after its closing quote is a quoting mistake, whatever
            // the parser took it for; otherwise indentation first, then quoting.
            let quoting = || {
                let line = diagnostic.line?;
                quoting_hint(&file.line_text(line)?, &diagnostic.message)
            };
            let advice = diagnostic
                .line
                .and_then(|line| file.line_text(line))
                .and_then(|line| text_after_quote(&line))
                .or_else(|| {
                    diagnostic
                        .line
                        .and_then(|line| indentation_hint(file, line, &diagnostic.message))
                })
                .or_else(quoting);
            diagnostic.advise(advice)
        }
    }
}

/// The message of serde or of the YAML parser, as rankpress words it, as an interface string a
/// theme can translate; `None` for a message it has no string for (which then stays English).
fn phrase_of(message: &str) -> Option<Phrase> {
    // A key the type does not have, or a value a setting does not take, with those it does.
    for (prefix, key, (given, known)) in [
        ("unknown field `", "diag_unknown_key", ("key", "keys")),
        ("unknown variant `", "diag_unknown_value", ("value", "values")),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (word, rest) = rest.split_once('`')?;
            let words = rest
                .strip_prefix(", expected one of ")
                .or_else(|| rest.strip_prefix(", expected "))?;
            return Some(Phrase::new(key, &[(given, word), (known, words)]));
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.strip_suffix('`')?;
        return Some(Phrase::new("diag_missing_key", &[("key", key)]));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, wanted) = rest.rsplit_once(", expected ")?;
        return Some(
            Phrase::new("diag_wrong_kind", &[])
                .with("found", found_kind(found)?)
                .with("wanted", wanted_kind(wanted)?),
        );
    }
    let key = match message {
        "mapping values are not allowed in this context" => "diag_yaml_colon",
        "did not find expected key" => "diag_yaml_expected_key",
        "did not find expected '-' indicator" => "diag_yaml_expected_dash",
        "block sequence entries are not allowed in this context" => "diag_yaml_dash_here",
        "found character that cannot start any token" => "diag_yaml_bad_start",
        "found unexpected end of stream" => "diag_yaml_unexpected_end",
        "found a tab character that violates indentation"
        | "found a tab character where an indentation space is expected" => "diag_yaml_tab",
        "could not find expected ':'" => "diag_yaml_no_colon",
        "did not find expected ',' or ']'" => "diag_yaml_open_list",
        "did not find expected ',' or '}'" => "diag_yaml_open_map",
        "did not find expected node content" => "diag_yaml_no_value",
        "found unknown escape character" => "diag_yaml_escape",
        "the data is nested too deeply (more than 128 levels)" => "diag_yaml_too_deep",
        "did not find expected alphabetic or numeric character" => "diag_yaml_alias_name",
        "did not find expected hexadecimal number"
        | "found invalid Unicode character escape code" => "diag_yaml_hex_escape",
        "did not find expected comment or line break" => "diag_yaml_after_value",
        "did not find expected whitespace or line break" => "diag_yaml_after_indicator",
        "found unexpected document indicator" => "diag_yaml_document_marker",
        "found undefined tag handle" => "diag_yaml_tag",
        "found unexpected ':'" => "diag_yaml_flow_colon",
        "unknown anchor" => "diag_yaml_unknown_alias",
        _ if message.starts_with("aliases (`*name`) expand to too much data") => {
            "diag_yaml_aliases"
        }
        _ => return None,
    };
    Some(Phrase::new(key, &[]))
}

/// serde's name of the kind of value found (`string "abc"`, `sequence`) as a phrase.
fn found_kind(found: &str) -> Option<Phrase> {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('`'))
            .and_then(|rest| rest.strip_suffix('`'))
    };
    if let Some(text) = found.strip_prefix("string ") {
        return Some(Phrase::new("diag_kind_text", &[("text", text)]));
    }
    if let Some(number) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return Some(Phrase::new("diag_kind_number", &[("number", number)]));
    }
    if let Some(value) = quoted("boolean ") {
        return Some(Phrase::new("diag_kind_yes_no", &[("value", value)]));
    }
    let key = match found {
        "sequence" => "diag_kind_list",
        "map" => "diag_kind_map",
        "unit value" => "diag_kind_empty",
        "enum" => "diag_kind_tagged",
        _ => return None,
    };
    Some(Phrase::new(key, &[]))
}

/// What serde expected there (as rankpress words it: "a number", "a list …") as a phrase.
fn wanted_kind(wanted: &str) -> Option<Phrase> {
    let key = match wanted {
        "a number" => "diag_want_number",
        "a whole number of at least 0" => "diag_count_expected",
        "a list (lines starting with `- `)" => "diag_want_list",
        "a string" => "diag_want_text",
        "a text, or a map from language code to text" => "diag_want_texts",
        "a boolean" => "diag_want_yes_no",
        "a map" => "diag_want_map",
        _ if wanted.starts_with("struct ") => "diag_want_map",
        _ => return None,
    };
    Some(Phrase::new(key, &[]))
}

/// A value that YAML cannot read as it is written, because it holds `: ` (read as a second key)
/// or starts with a character that cannot start a plain value (`@`, `` ` ``, `%`): the line
/// again with the value in quotes.
fn quoting_hint(line: &str, message: &str) -> Option<(String, Phrase)> {
    if !matches!(
        message,
        "mapping values are not allowed in this context"
            | "found character that cannot start any token"
            | "did not find expected alphabetic or numeric character"
            | "found undefined tag handle"
            | "unknown anchor"
    ) && !message.starts_with("invalid type: enum")
    {
        return None;
    }
    let (dash, key, value) = key_and_value(line)?;
    let value = value.trim();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    // `*` and `&` start an alias or anchor, `!` a tag (`*sehr gut*` in Markdown's way).
    let troublesome = value.contains(": ") || value.starts_with(['@', '`', '%', '*', '&', '!']);
    if !troublesome {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(quoted(&format!("{dash}{key}: \"{escaped}\"")))
}

/// A line `key: value` (or `- key: value`): the dash, the key and the value, where the key is
/// one word.
fn key_and_value(line: &str) -> Option<(&'static str, &str, &str)> {
    let rest = line.trim_start();
    let (dash, rest) = match rest.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", rest),
    };
    let (key, value) = rest.split_once(": ")?;
    (!key.is_empty() && !key.contains(' ')).then_some((dash, key, value))
}

/// The hint that gives `fixed`, the line with its value in quotes.
fn quoted(fixed: &str) -> (String, Phrase) {
    (
        format!("write the value in quotes: `{fixed}`"),
        Phrase::new("diag_quote_value", &[("fixed", fixed)]),
    )
}

/// A value in quotes that goes on after its closing quote (`name: "Harbour" Bank`): the whole
/// value in single quotes, which keeps the double ones.
fn text_after_quote(line: &str) -> Option<(String, Phrase)> {
    let (dash, key, value) = key_and_value(line)?;
    let value = value.trim_end();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let close = value.get(1..)?.find(quote)? + 1;
    let after = value.get(close + 1..)?.trim();
    if after.is_empty() || after.starts_with('#') || after.starts_with(',') {
        return None;
    }
    Some(quoted(&format!(
        "{dash}{key}: '{}'",
        value.replace('\'', "''")
    )))
}

/// Most YAML mistakes an editor makes are indentation: a key indented further than its
/// neighbours is read as the rest of the value above ("invalid type: string \"2 scale\""), one
/// indented less leaves the entry without it ("missing field `scale`"). Says so in plain words
/// when the lines around the error look like that.
fn indentation_hint(file: &SourceFile, line: usize, message: &str) -> Option<(String, Phrase)> {
    let at = |number: usize| file.line_text(number);
    let indent = |text: &str| text.len() - text.trim_start_matches(' ').len();
    let looks_like_key = |text: &str| {
        let trimmed = text.trim_start().trim_start_matches("- ");
        trimmed
            .split_once(':')
            .is_some_and(|(key, _)| !key.is_empty() && !key.contains(' '))
    };
    let here = at(line)?;
    let here = here.as_str();
    if message.starts_with("invalid type: string") {
        let next = (line + 1..line + 4).find(|&n| at(n).is_some_and(|t| !t.trim().is_empty()))?;
        let text = at(next)?;
        if indent(&text) > indent(here) && looks_like_key(&text) {
            let (next, line) = (next.to_string(), line.to_string());
            return Some((
                format!(
                    "line {next} is indented further than line {line}, so YAML reads it as the \
                     rest of this value; start the keys of one entry at the same column"
                ),
                Phrase::new(
                    "diag_indented_further",
                    &[("next", &next), ("line", &line)],
                ),
            ));
        }
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        // `- id: x`: the entry's keys start after the dash.
        let column = indent(here)
            + if here.trim_start().starts_with("- ") {
                2
            } else {
                0
            };
        for number in line + 1..line + 40 {
            let Some(text) = at(number) else { break };
            if text.trim_start().starts_with(&format!("{field}:")) && indent(&text) != column {
                let (at, others) = ((indent(&text) + 1).to_string(), (column + 1).to_string());
                return Some((
                    format!(
                        "`{field}:` at line {number} starts at column {at}, the other keys of \
                         this entry at column {others}; start them at the same column"
                    ),
                    Phrase::new(
                        "diag_indented_apart",
                        &[
                            ("key", field),
                            ("line", &number.to_string()),
                            ("column", &at),
                            ("others", &others),
                        ],
                    ),
                ));
            }
        }
    }
    None
}
