//! User-facing problems with the input: where they are, what was expected, and how to fix them.
//!
//! Every stage that reads user input reports into a [`Diagnostics`] list instead of stopping at
//! the first problem, so that one run tells the editor everything that is wrong.

use std::collections::BTreeMap;
use std::fmt;

/// How serious a problem is: errors stop the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root, as the user would type it.
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
    pub message: String,
    /// What the input should have held, in words ("a number from 1 to 5").
    pub expected: Option<String>,
    /// A concrete suggestion ("did you mean `telecom`?").
    pub hint: Option<String>,
    /// The offending source line, shown under the message with a caret: for a long line, only
    /// a window of it around the column, so that thousands of errors on one long line do not
    /// each hold a copy of it.
    pub source_line: Option<String>,
    /// Characters of the line left out before `source_line` starts (0 for a whole line).
    pub source_start: usize,
    /// The message, expectation and hint as interface strings a theme may translate; a
    /// language without them shows the English texts above.
    pub phrases: Option<Box<Phrases>>,
}

/// Words of a diagnostic that a theme can say in the site's language: the key of an interface
/// string (`diag_*`) and the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub key: &'static str,
    pub values: Vec<(&'static str, String)>,
    /// Placeholders filled with other phrases in the same language ("a list" in "wrong kind of
    /// value: a list"): a phrase whose parts the language lacks is not said in it.
    pub parts: Vec<(&'static str, Phrase)>,
}

impl Phrase {
    pub fn new(key: &'static str, values: &[(&'static str, &str)]) -> Phrase {
        Phrase {
            key,
            values: values
                .iter()
                .map(|(name, value)| (*name, windowed((*value).to_string())))
                .collect(),
            parts: Vec::new(),
        }
    }

    /// The phrase with its placeholder `name` filled by `part`.
    pub fn with(mut self, name: &'static str, part: Phrase) -> Phrase {
        self.parts.push((name, part));
        self
    }
}

/// The translatable parts of one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phrases {
    pub message: Option<Phrase>,
    pub expected: Option<Phrase>,
    /// The hint, said as these phrases one after the other.
    pub hint: Vec<Phrase>,
}

impl Phrases {
    /// A message, its expectation and its hint, each as the string `key` with its values.
    fn all(
        message: (&'static str, &[(&'static str, &str)]),
        expected: (&'static str, &[(&'static str, &str)]),
        hint: Phrase,
    ) -> Phrases {
        Phrases {
            message: Some(Phrase::new(message.0, message.1)),
            expected: Some(Phrase::new(expected.0, expected.1)),
            hint: vec![hint],
        }
    }
}

/// The words a report is written in: the site's first language where its theme has a
/// diagnostic's strings (`diag_*`), English otherwise.
pub trait Wording {
    /// The interface string `key` with `values` filled in, or `None` when the language lacks it.
    fn phrase(&self, key: &str, values: &[(&str, &str)]) -> Option<String>;

    /// A count written the language's way.
    fn count(&self, count: usize) -> String {
        count.to_string()
    }
}

/// English: the texts the code gives.
struct English;

impl Wording for English {
    fn phrase(&self, _: &str, _: &[(&str, &str)]) -> Option<String> {
        None
    }
}

/// `phrase` in `words`, when the language has a string for it and for each of its parts.
fn say(words: &dyn Wording, phrase: &Phrase) -> Option<String> {
    let parts: Vec<(&str, String)> = phrase
        .parts
        .iter()
        .map(|(name, part)| Some((*name, say(words, part)?)))
        .collect::<Option<_>>()?;
    let values: Vec<(&str, &str)> = phrase
        .values
        .iter()
        .chain(&parts)
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    words.phrase(phrase.key, &values)
}

/// `phrase` in `words`, or `english` when the language has no string for it.
fn worded(words: &dyn Wording, phrase: Option<&Phrase>, english: &str) -> String {
    phrase
        .and_then(|phrase| say(words, phrase))
        .unwrap_or_else(|| english.to_string())
}

/// `parts` one after the other, `separator` (the key of a string such as `diag_list_comma`)
/// between each two.
pub fn joined(parts: Vec<Phrase>, separator: &'static str) -> Phrase {
    let mut parts = parts.into_iter();
    let first = parts.next().unwrap_or_else(|| as_given(""));
    parts.fold(first, |so_far, next| {
        Phrase::new("diag_pair", &[])
            .with("first", so_far)
            .with("separator", Phrase::new(separator, &[]))
            .with("second", next)
    })
}

mod said;
pub use said::{Doing, Said, cannot, cannot_read_file, io_reason, said_chain, said_error};

/// A reason given in another program's or library's own words (a zip reader's, Tera's): the
/// same text in every language, framed by a phrase that is translated.
pub fn as_given(text: &str) -> Phrase {
    Phrase::new("diag_as_given", &[("text", text)])
}

/// The most characters of a message, an expectation or a hint: a value quoted in one (a 30 MB
/// company id, a 100 MB cell) is cut in the middle, so that no report, terminal or error page
/// of the dev server grows with the input.
pub const MAX_MESSAGE_CHARS: usize = 400;

/// `text` with at most [`MAX_MESSAGE_CHARS`] characters: its start and end, `…` between.
fn windowed(text: String) -> String {
    if text.len() <= MAX_MESSAGE_CHARS {
        return text;
    }
    let chars = text.chars().count();
    if chars <= MAX_MESSAGE_CHARS {
        return text;
    }
    let half = MAX_MESSAGE_CHARS / 2;
    let head: String = text.chars().take(half).collect();
    let tail: String = text.chars().skip(chars - half).collect();
    format!(
        "{head} … [{} characters left out] … {tail}",
        chars - 2 * half
    )
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: windowed(file.into()),
            line: None,
            column: None,
            message: windowed(message.into()),
            expected: None,
            hint: None,
            source_line: None,
            source_start: 0,
            phrases: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(windowed(expected.into()));
        self
    }

    pub fn hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint.map(windowed);
        self
    }

    /// The message as the interface string `key` (English: the message given).
    pub fn says(mut self, key: &'static str, values: &[(&'static str, &str)]) -> Self {
        self.phrases.get_or_insert_default().message = Some(Phrase::new(key, values));
        self
    }

    /// The expectation as the interface string `key`.
    pub fn expects(mut self, key: &'static str, values: &[(&'static str, &str)]) -> Self {
        self.phrases.get_or_insert_default().expected = Some(Phrase::new(key, values));
        self
    }

    /// The hint as the interface string `key`, when there is a hint.
    pub fn suggests(mut self, key: &'static str, values: &[(&'static str, &str)]) -> Self {
        if self.hint.is_some() {
            self.phrases.get_or_insert_default().hint = vec![Phrase::new(key, values)];
        }
        self
    }

    /// The expectation as `phrase` (a phrase with parts).
    pub fn expecting(mut self, phrase: Phrase) -> Self {
        self.phrases.get_or_insert_default().expected = Some(phrase);
        self
    }

    /// The hint as `phrase`, when there is a hint.
    pub fn advising(mut self, phrase: Phrase) -> Self {
        if self.hint.is_some() {
            self.phrases.get_or_insert_default().hint = vec![phrase];
        }
        self
    }

    /// The message as `phrase`, when there is one (English: the message given).
    pub fn saying(mut self, phrase: Option<Phrase>) -> Self {
        if let Some(phrase) = phrase {
            self.phrases.get_or_insert_default().message = Some(phrase);
        }
        self
    }

    /// The hint, in English and as a phrase, when there is one.
    pub fn advise(mut self, advice: Option<(String, Phrase)>) -> Self {
        if let Some((hint, phrase)) = advice {
            self.hint = Some(windowed(hint));
            self.phrases.get_or_insert_default().hint = vec![phrase];
        }
        self
    }

    /// The diagnostic written in `words` where they have its strings.
    pub fn worded<'a>(&'a self, words: &'a dyn Wording) -> Worded<'a, Diagnostic> {
        Worded { item: self, words }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sets the source line shown under the message, keeping only a window around the column
    /// of a long line.
    pub fn with_source_line(mut self, line: &str) -> Self {
        let length = line.chars().count();
        if length <= 2 * SHOWN_LINE_CHARS {
            self.source_line = Some(line.to_string());
            self.source_start = 0;
            return self;
        }
        let at = self.column.unwrap_or(1).saturating_sub(1).min(length);
        let start = at.saturating_sub(SHOWN_LINE_CHARS);
        let end = (start + 2 * SHOWN_LINE_CHARS).min(length);
        let mut window: String = line.chars().skip(start).take(end - start).collect();
        let mut source_start = start;
        if start > 0 {
            // The ellipsis takes the place of the character before the window.
            window.insert(0, '…');
            source_start -= 1;
        }
        if end < length {
            window.push('…');
        }
        self.source_line = Some(window);
        self.source_start = source_start;
        self
    }
}

/// Characters of a source line shown in a message.
const SHOWN_LINE_CHARS: usize = 120;

/// At most [`SHOWN_LINE_CHARS`] characters of `line` around `column` (1-based, in characters),
/// with the column adjusted to the excerpt.
fn excerpt(line: &str, column: Option<usize>) -> (String, Option<usize>) {
    let length = line.chars().count();
    if length <= SHOWN_LINE_CHARS {
        return (line.to_string(), column);
    }
    let at = column.unwrap_or(1).saturating_sub(1).min(length);
    let start = at.saturating_sub(SHOWN_LINE_CHARS / 2);
    let end = (start + SHOWN_LINE_CHARS).min(length);
    let mut shown: String = line.chars().skip(start).take(end - start).collect();
    let mut shift = start;
    if start > 0 {
        shown.insert(0, '…');
        shift = shift.saturating_sub(1);
    }
    if end < length {
        shown.push('…');
    }
    (shown, column.map(|c| c.saturating_sub(shift)))
}

/// `text` with control characters shown as symbols (`␛` for escape): a message quotes user input,
/// and an escape sequence in it must not reach the terminal. One character stays one character,
/// so columns stay right.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => '\t',
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
            '\u{7f}' => '␡',
            '\u{80}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => '�',
            other => other,
        })
        .collect()
}

/// A diagnostic or a report written in the words of a language (see [`Wording`]).
pub struct Worded<'a, T> {
    item: &'a T,
    words: &'a dyn Wording,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.worded(&English).fmt(f)
    }
}

impl fmt::Display for Worded<'_, Diagnostic> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (diagnostic, words) = (self.item, self.words);
        let phrases = diagnostic.phrases.as_deref();
        let (label, english_label) = match diagnostic.severity {
            Severity::Error => ("diag_error", "error"),
            Severity::Warning => ("diag_warning", "warning"),
        };
        // A problem whose message the language has no words for is said wholly in English, not
        // in English words under the language's labels.
        let said = phrases
            .and_then(|p| p.message.as_ref())
            .and_then(|phrase| say(words, phrase));
        let Some(message) = said else {
            let (expected, hint) = (diagnostic.expected.clone(), diagnostic.hint.clone());
            let labels = ("expected".to_string(), "help".to_string());
            return diagnostic.write(
                f,
                (english_label, &diagnostic.message),
                (expected, hint),
                labels,
            );
        };
        let label = worded(words, Some(&Phrase::new(label, &[])), english_label);
        let expected = diagnostic.expected.as_ref().map(|english| {
            let phrase = phrases.and_then(|p| p.expected.as_ref());
            worded(words, phrase, english)
        });
        let hint = diagnostic.hint.as_ref().map(|english| {
            let given = phrases.map(|p| p.hint.as_slice()).unwrap_or_default();
            let suggestion: Vec<Phrase> = suggested(english)
                .map(|name| Phrase::new("diag_did_you_mean", &[("name", name)]))
                .into_iter()
                .collect();
            let parts = if given.is_empty() { &suggestion } else { given };
            let said: Option<String> = parts.iter().map(|phrase| say(words, phrase)).collect();
            said.filter(|_| !parts.is_empty())
                .unwrap_or_else(|| english.clone())
        });
        let labels = (
            worded(words, Some(&Phrase::new("diag_expected", &[])), "expected"),
            worded(words, Some(&Phrase::new("diag_help", &[])), "help"),
        );
        diagnostic.write(f, (&label, &message), (expected, hint), labels)
    }
}

impl Diagnostic {
    /// The report of one problem: `label: message`, the place and the source line with a caret,
    /// then the expectation and the hint, each under its label.
    fn write(
        &self,
        f: &mut fmt::Formatter<'_>,
        (label, message): (&str, &str),
        (expected, hint): (Option<String>, Option<String>),
        (expected_label, hint_label): (String, String),
    ) -> fmt::Result {
        let message = visible(message);
        writeln!(f, "{label}: {message}")?;
        match (self.line, self.column) {
            (Some(line), Some(column)) => writeln!(f, "  --> {}:{line}:{column}", self.file)?,
            (Some(line), None) => writeln!(f, "  --> {}:{line}", self.file)?,
            _ => writeln!(f, "  --> {}", self.file)?,
        }
        if let (Some(line), Some(text)) = (self.line, &self.source_line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            // A line of a generated or hostile file can be megabytes long: show a window of it
            // around the column, marked with an ellipsis where it is cut.
            let local = self.column.map(|c| c.saturating_sub(self.source_start));
            let (text, column) = excerpt(&visible(text), local);
            writeln!(f, "   {pad} |")?;
            writeln!(f, "   {number} | {text}")?;
            if let Some(column) = column {
                // Count characters, not bytes, so the caret sits under the right letter.
                let before: String = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "   {pad} | {before}^")?;
            }
        }
        if let Some(expected) = &expected {
            note(f, &expected_label, expected)?;
        }
        if let Some(hint) = &hint {
            note(f, &hint_label, hint)?;
        }
        Ok(())
    }
}

/// `   = label: text`, a text of several lines (an example of front matter) continued line by
/// line under its first, each line's control characters made visible.
fn note(f: &mut fmt::Formatter<'_>, label: &str, text: &str) -> fmt::Result {
    let indent = " ".repeat("   = ".len() + label.len() + ": ".len());
    for (index, line) in text.split('\n').enumerate() {
        if index == 0 {
            writeln!(f, "   = {label}: {}", visible(line))?;
        } else {
            writeln!(f, "{indent}{}", visible(line))?;
        }
    }
    Ok(())
}

/// Problems kept in memory by one run; beyond that they are only counted, so that a file with
/// a million mistakes costs a bounded amount of memory.
pub const MAX_STORED: usize = 10_000;

/// All problems found in one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Errors and warnings found beyond [`MAX_STORED`], counted only.
    uncounted_errors: usize,
    uncounted_warnings: usize,
    /// Per kind and language, the texts given as a map and the commentary files that lack a
    /// site language or are in one the site does not publish in: how many, and the first in
    /// file order. Reported as one warning per kind and language by
    /// [`Diagnostics::report_languages`].
    language_notes: BTreeMap<(LanguageNote, String), (usize, Diagnostic)>,
    /// What a run did that an editor may want to know but need not act on (a file skipped as
    /// an editor's lock file, the sheet a spreadsheet was read from): printed with `--verbose`.
    notes: Vec<Note>,
}

/// What a run did that an editor may want to know (printed with `--verbose`), in English and as
/// a phrase for the site's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    english: String,
    phrase: Phrase,
}

impl Note {
    pub fn new(english: impl Into<String>, phrase: Phrase) -> Note {
        Note {
            english: english.into(),
            phrase,
        }
    }

    /// The note in `words` where it has the strings, in English otherwise.
    pub fn worded(&self, words: &dyn Wording) -> String {
        worded(words, Some(&self.phrase), &self.english)
    }

    /// A file skipped as an editor's lock, backup or temporary file.
    pub fn skipped(file: &str) -> Note {
        Note::new(
            format!("skipped {file}: an editor's lock, backup or temporary file"),
            Phrase::new("diag_note_skipped", &[("file", file)]),
        )
    }
}

/// Notes kept by one run, like problems: beyond that they are dropped.
const MAX_NOTES: usize = 1_000;

/// What a text given by language gets wrong about the site's languages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum LanguageNote {
    /// The text has no version in this site language: its pages show the version in the site
    /// language named, or, when it has none in any, one in a language the site does not
    /// publish in.
    Missing(Option<String>),
    /// The text has a version in a language the site does not publish in: it is not used.
    NotPublished,
    /// A commentary file is a translation into a language the site does not publish in.
    FileNotPublished,
    /// A commentary file in the first language has no translation into this site language.
    FileMissing,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.items.len() < MAX_STORED {
            self.items.push(diagnostic);
        } else if diagnostic.is_error() {
            self.uncounted_errors += 1;
        } else {
            self.uncounted_warnings += 1;
        }
    }

    /// Pushes the error `make` builds, or only counts it once no more problems are kept: making
    /// a message, its source line and its suggestion costs far more than counting, and a file
    /// can have millions of wrong rows.
    pub fn push_error_with(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.items.len() < MAX_STORED {
            self.push(make());
        } else {
            self.uncounted_errors += 1;
        }
    }

    /// Records a note for `--verbose`.
    pub fn note(&mut self, note: Note) {
        if self.notes.len() < MAX_NOTES {
            self.notes.push(note);
        }
    }

    /// The notes, in the order they were made, a line each, in English.
    pub fn notes(&self) -> Vec<String> {
        self.notes.iter().map(|note| note.english.clone()).collect()
    }

    /// The notes as `--verbose` prints them, `note: ` included, in `words` where it has them.
    pub fn notes_worded(&self, words: &dyn Wording) -> Vec<String> {
        let label = worded(words, Some(&Phrase::new("diag_note", &[])), "note");
        self.notes
            .iter()
            .map(|note| format!("{label}: {}", note.worded(words)))
            .collect()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        for note in other.notes {
            self.note(note);
        }
        self.uncounted_errors += other.uncounted_errors;
        self.uncounted_warnings += other.uncounted_warnings;
        for diagnostic in other.items {
            self.push(diagnostic);
        }
        for (key, (count, place)) in other.language_notes {
            self.language_note_many(key, count, place);
        }
    }

    /// The same problems, counts and notes, each kept problem changed by `change` (moved to a
    /// spreadsheet's cell).
    pub fn map(mut self, change: impl Fn(Diagnostic) -> Diagnostic) -> Diagnostics {
        self.items = self.items.into_iter().map(change).collect();
        self
    }

    /// Notes a text given by language (or a commentary file) that lacks `language`, or has it
    /// though the site does not publish in it, at `place`: a site that adds or drops a language
    /// learns how many texts that leaves, in one warning, not one per text.
    pub fn language_note(&mut self, note: LanguageNote, language: &str, place: Diagnostic) {
        self.language_note_many((note, language.to_string()), 1, place);
    }

    fn language_note_many(&mut self, key: (LanguageNote, String), count: usize, place: Diagnostic) {
        let at = |d: &Diagnostic| (d.file.clone(), d.line, d.column);
        match self.language_notes.get_mut(&key) {
            Some((total, first)) => {
                *total += count;
                if at(&place) < at(first) {
                    *first = place;
                }
            }
            None => {
                self.language_notes.insert(key, (count, place));
            }
        }
    }

    /// One warning per language that texts lack, and per language they have that the site
    /// does not publish in, at the first such text, saying how many there are and what their
    /// pages show. `languages` are the site's, in order.
    pub fn report_languages(&mut self, languages: &[String]) {
        for ((note, language), (count, place)) in std::mem::take(&mut self.language_notes) {
            let first_of = if count == 1 {
                String::new()
            } else {
                format!("this is the first of the {count}; ")
            };
            let (message, expected, hint, mut phrases) = match note {
                LanguageNote::Missing(shown) => {
                    untranslated(&language, shown.as_deref(), count, languages)
                }
                LanguageNote::NotPublished => {
                    not_published(&language, count, languages, ("text", "texts", "used"))
                }
                LanguageNote::FileNotPublished => not_published(
                    &language,
                    count,
                    languages,
                    ("file", "commentary files", "published"),
                ),
                LanguageNote::FileMissing => {
                    untranslated_files(&language, count, languages, &place)
                }
            };
            if count > 1 && !phrases.hint.is_empty() {
                let first = Phrase::new("diag_first_of", &[("count", &count.to_string())]);
                phrases.hint.insert(0, first);
            }
            self.push(Diagnostic {
                severity: Severity::Warning,
                message,
                expected: Some(expected),
                hint: Some(format!("{first_of}{hint}")),
                phrases: phrases.message.is_some().then(|| Box::new(phrases)),
                ..place
            });
        }
    }

    pub fn has_errors(&self) -> bool {
        self.uncounted_errors > 0 || self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count() + self.uncounted_errors
    }

    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| !d.is_error()).count() + self.uncounted_warnings
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Errors first, each group in file and line order, so the report reads top to bottom; a
    /// spreadsheet's cells ("…, sheet Results, A10") by row, then column, not as text (which put
    /// A10 before A4 and B29 before B3).
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            let (a_file, a_cell) = cell_of(&a.file);
            let (b_file, b_cell) = cell_of(&b.file);
            (a.severity, a_file, a_cell, a.line, a.column)
                .cmp(&(b.severity, b_file, b_cell, b.line, b.column))
        });
        items
    }
}

/// A diagnostic's file split into the file and sheet, and the cell's (row, column) when it
/// names one at its end ("data/2026.xlsx, sheet Results, AB12" → row 12, column 28).
fn cell_of(file: &str) -> (&str, Option<(u64, u64)>) {
    let Some((before, cell)) = file.rsplit_once(", ") else {
        return (file, None);
    };
    let letters = cell.chars().take_while(char::is_ascii_uppercase).count();
    let (column, row) = cell.split_at(letters);
    if letters == 0 || row.is_empty() || !row.bytes().all(|b| b.is_ascii_digit()) {
        return (file, None);
    }
    let column = column.bytes().fold(0u64, |n, b| {
        n.saturating_mul(26).saturating_add(u64::from(b - b'A' + 1))
    });
    (before, row.parse().ok().map(|row| (row, column)))
}

/// Problems found by one piece of parallel work (a piece of a respondent file), in the order
/// found: kept up to a number, counted beyond it, so that a file of ten million wrong rows
/// costs the memory of a few hundred problems. Each piece keeps at least [`MAX_SHOWN`], so the
/// problems a report shows (the first by file and line) are all kept.
#[derive(Debug)]
pub struct Capped {
    kept: Vec<Diagnostic>,
    limit: usize,
    more_errors: usize,
    more_warnings: usize,
}

impl Default for Capped {
    /// Keeps [`MAX_SHOWN`] problems.
    fn default() -> Capped {
        Capped::new(MAX_SHOWN)
    }
}

impl Capped {
    /// Problems kept up to `limit`.
    pub fn new(limit: usize) -> Capped {
        Capped {
            kept: Vec::new(),
            limit,
            more_errors: 0,
            more_warnings: 0,
        }
    }

    /// Whether a further problem is only counted: its message need not be made.
    pub fn is_full(&self) -> bool {
        self.kept.len() >= self.limit
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        if !self.is_full() {
            self.kept.push(diagnostic);
        } else {
            self.count(diagnostic.is_error());
        }
    }

    /// Counts a problem that is not kept.
    pub fn count(&mut self, error: bool) {
        if error {
            self.more_errors += 1;
        } else {
            self.more_warnings += 1;
        }
    }

    /// Takes in the problems of `other`, kept and counted.
    pub fn extend(&mut self, other: Capped) {
        self.more_errors += other.more_errors;
        self.more_warnings += other.more_warnings;
        for diagnostic in other.kept {
            self.push(diagnostic);
        }
    }

    /// The problems kept, each changed by `change` (moved to a spreadsheet's cell).
    pub fn map(mut self, change: impl Fn(Diagnostic) -> Diagnostic) -> Capped {
        self.kept = self.kept.into_iter().map(change).collect();
        self
    }

    /// Moves every problem into `diagnostics`, those not kept as counts.
    pub fn report(self, diagnostics: &mut Diagnostics) {
        diagnostics.uncounted_errors += self.more_errors;
        diagnostics.uncounted_warnings += self.more_warnings;
        for diagnostic in self.kept {
            diagnostics.push(diagnostic);
        }
    }
}

/// Problems printed in full by one run; the rest are counted. A generated file with a
/// systematic mistake can have a hundred thousand, and the first ones show the pattern.
pub const MAX_SHOWN: usize = 200;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.worded(&English).fmt(f)
    }
}

impl Diagnostics {
    /// The report written in `words` where they have its strings.
    pub fn worded<'a>(&'a self, words: &'a dyn Wording) -> Worded<'a, Diagnostics> {
        Worded { item: self, words }
    }
}

impl fmt::Display for Worded<'_, Diagnostics> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.item;
        let sorted = report.sorted();
        for diagnostic in sorted.iter().take(MAX_SHOWN) {
            writeln!(f, "{}", diagnostic.worded(self.words))?;
        }
        let rest = sorted.get(MAX_SHOWN..).unwrap_or_default();
        let errors = rest.iter().filter(|d| d.is_error()).count() + report.uncounted_errors;
        let warnings = rest.len() + report.uncounted_errors + report.uncounted_warnings - errors;
        if errors + warnings > 0 {
            let words = self.words;
            let (all, errors, warnings) = (
                words.count(errors + warnings),
                words.count(errors),
                words.count(warnings),
            );
            let english =
                format!("… and {all} more: {errors} error(s) and {warnings} warning(s) not shown");
            let phrase = Phrase::new(
                "diag_more",
                &[
                    ("count", &all),
                    ("errors", &errors),
                    ("warnings", &warnings),
                ],
            );
            writeln!(f, "{}\n", worded(self.words, Some(&phrase), &english))?;
        }
        Ok(())
    }
}

/// The known name closest to `unknown`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(similarity, _)| *similarity > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| suggestion(candidate))
}

/// Message, expectation and hint of the warning for `count` texts without a `language` version
/// whose pages show the `shown` version instead (the site language
/// [`crate::model::text::Text::resolve`] falls back to), or one in a language the site does not
/// publish in.
fn untranslated(
    language: &str,
    shown: Option<&str>,
    count: usize,
    languages: &[String],
) -> (String, String, String, Phrases) {
    let texts = if count == 1 {
        "1 text has".to_string()
    } else {
        format!("{count} texts have")
    };
    let fallback = languages.iter().find(|code| *code != language);
    let shown_code = shown;
    let shown = match shown {
        Some(code) => format!("the `{code}` text"),
        None => "the text's first version, in a language the site does not publish in,".to_string(),
    };
    let example = match (languages.first(), fallback) {
        (Some(first), _) if first != language => format!("{first}: …, {language}: …"),
        (_, Some(code)) => format!("{language}: …, {code}: …"),
        _ => format!("{language}: …"),
    };
    // Said in other words only when the text shown is in a site language.
    let phrases = match shown_code {
        Some(code) => Phrases::all(
            (
                "diag_untranslated",
                &[
                    ("count", &count.to_string()),
                    ("language", language),
                    ("shown", code),
                ],
            ),
            (
                "diag_untranslated_expected",
                &[
                    ("language", language),
                    ("example", &format!("{{{example}}}")),
                ],
            ),
            Phrase::new("diag_plain_text_hint", &[]),
        ),
        None => Phrases::default(),
    };
    (
        format!("{texts} no `{language}` version: the `{language}` pages show {shown} instead"),
        format!(
            "a `{language}:` entry in every text given by language, such as `name: {{{example}}}`"
        ),
        "a text written as a plain string is the same in every language and is not counted"
            .to_string(),
        phrases,
    )
}

/// Message, expectation and hint of the warning for `count` commentary files in the first
/// language without a translation into `language`, the first of them at `place`.
fn untranslated_files(
    language: &str,
    count: usize,
    languages: &[String],
    place: &Diagnostic,
) -> (String, String, String, Phrases) {
    let files = if count == 1 {
        "1 commentary file has".to_string()
    } else {
        format!("{count} commentary files have")
    };
    let first = languages.first().map(String::as_str).unwrap_or_default();
    let stem = place.file.strip_suffix(".md").unwrap_or(&place.file);
    let translation = format!("{stem}.{language}.md");
    let phrases = Phrases::all(
        (
            "diag_untranslated_files",
            &[
                ("count", &count.to_string()),
                ("language", language),
                ("first", first),
            ],
        ),
        ("diag_translation_beside", &[("file", &translation)]),
        Phrase::new("diag_marked_as", &[("first", first)]),
    );
    (
        format!(
            "{files} no `{language}` translation: the `{language}` pages show the `{first}` text \
             instead"
        ),
        format!("a translation beside each, such as `{translation}`"),
        format!("the `{first}` text is marked as `{first}` for screen readers and search engines"),
        phrases,
    )
}

/// Message, expectation and hint of the warning for `count` texts with a version in `language`,
/// which the site does not publish in: a typo of a site language, or a language dropped from (or
/// not yet added to) `site.yaml`. `words` name one such text, many, and what does not happen to
/// them: ("text", "texts", "used") for data, ("file", "commentary files", "published").
fn not_published(
    language: &str,
    count: usize,
    languages: &[String],
    words: (&str, &str, &str),
) -> (String, String, String, Phrases) {
    let (one, many, used) = words;
    let message = if count == 1 {
        format!("language `{language}` is not one of the site's languages; the {one} is not {used}")
    } else {
        format!(
            "language `{language}` is not one of the site's languages; {count} {many} in it are \
             not {used}"
        )
    };
    let likely = did_you_mean(language, languages.iter().map(String::as_str));
    let advice = likely.clone().unwrap_or_else(|| {
        let them = if count == 1 { "it" } else { "them" };
        format!("to publish {them}, add `{language}` to `languages` in data/site.yaml")
    });
    let key = if used == "used" {
        "diag_unused_texts"
    } else {
        "diag_unpublished_files"
    };
    let listed = languages.join(", ");
    let hint = match likely.as_deref().and_then(suggested) {
        Some(name) => Phrase::new("diag_did_you_mean", &[("name", name)]),
        None => Phrase::new("diag_add_language", &[("language", language)]),
    };
    let phrases = Phrases::all(
        (
            key,
            &[("language", language), ("count", &count.to_string())],
        ),
        ("diag_site_languages", &[("languages", &listed)]),
        hint,
    );
    (
        message,
        format!("one of the site's languages: {listed}"),
        advice,
        phrases,
    )
}

/// The help that proposes `candidate` for a name or number that is none of the known ones.
pub fn suggestion(candidate: &str) -> String {
    format!("did you mean `{candidate}`?")
}

/// The name a hint made by [`suggestion`] suggests, so that a report in another language can
/// say it in its words.
fn suggested(hint: &str) -> Option<&str> {
    hint.strip_prefix("did you mean `")?.strip_suffix("`?")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A language of a few strings, as a theme would give them.
    struct Pig(BTreeMap<&'static str, &'static str>);

    impl Wording for Pig {
        fn phrase(&self, key: &str, values: &[(&str, &str)]) -> Option<String> {
            let mut text = self.0.get(key)?.to_string();
            for (name, value) in values {
                text = text.replace(&format!("{{{name}}}"), value);
            }
            Some(text)
        }
    }

    fn pig() -> Pig {
        Pig(BTreeMap::from([
            ("diag_error", "errorway"),
            ("diag_out_refused", "otnay intoway {folder}: {reason}"),
            ("diag_out_in_source", "insideway {source}/"),
            ("diag_cannot_create", "annotcay eatecray {folder}"),
            ("diag_io_permission", "ermissionpay eniedday"),
            ("diag_as_given", "{text}"),
            ("diag_pair", "{first}{separator}{second}"),
            ("diag_list_semicolon", " ; "),
            ("diag_rule_lacked", "{count} acklay {rule}"),
            ("diag_rule_value_for", "away aluevay orfay {criteria}"),
        ]))
    }

    /// A command's own error (the output folder refused, a folder the system would not
    /// create) is said in the language, the system's reason too where the language has it; an
    /// error of another kind keeps its own words.
    #[test]
    fn a_commands_error_and_its_system_cause_are_said_in_the_language() {
        let refused: anyhow::Error = Said::new(
            "refusing to write the site into site/data/out: it is inside the site's data/ folder",
            Phrase::new("diag_out_refused", &[("folder", "site/data/out")]).with(
                "reason",
                Phrase::new("diag_out_in_source", &[("source", "data")]),
            ),
        )
        .into();
        assert_eq!(
            said_error(&refused, &pig()),
            "errorway: otnay intoway site/data/out: insideway data/"
        );
        assert_eq!(
            said_error(&refused, &English),
            "error: refusing to write the site into site/data/out: it is inside the site's \
             data/ folder"
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let system = denied.to_string();
        let create: anyhow::Error = Said::new(
            "cannot create /srv/www",
            Phrase::new("diag_cannot_create", &[("folder", "/srv/www")]),
        )
        .caused_by(denied)
        .into();
        assert_eq!(
            said_chain(&create, &pig()),
            "annotcay eatecray /srv/www: ermissionpay eniedday"
        );
        assert_eq!(
            said_chain(&create, &English),
            format!("cannot create /srv/www: {system}")
        );
        let other = anyhow::anyhow!("the site was not prepared");
        assert_eq!(said_chain(&other, &pig()), "the site was not prepared");
    }

    /// A phrase made of parts is said in the language only when the language has every part;
    /// lacking one, the whole message is the English one, not a mixture.
    #[test]
    fn a_message_is_said_in_the_language_only_with_all_its_parts() {
        // "3 lack a value for speed; 1 lacks …": each rule a count and a phrase of its own.
        let rules_of = |second: &'static str| {
            let lacked = |count: &str, rule: &'static str, criterion: &str| {
                Phrase::new("diag_rule_lacked", &[("count", count)])
                    .with("rule", Phrase::new(rule, &[("criteria", criterion)]))
            };
            joined(
                vec![
                    lacked("3", "diag_rule_value_for", "speed"),
                    lacked("1", second, "care"),
                ],
                "diag_list_semicolon",
            )
        };
        let rules = rules_of("diag_rule_value_for");
        assert_eq!(
            say(&pig(), &rules).as_deref(),
            Some("3 acklay away aluevay orfay speed ; 1 acklay away aluevay orfay care")
        );
        let english = "3 lack a value for speed; 1 lacks the column or key care";
        // The language has no words for the second rule.
        let mixed = rules_of("diag_rule_column_for");
        let diagnostic = Diagnostic::error("data/editions/2026.yaml", english).saying(Some(mixed));
        let said = diagnostic.worded(&pig()).to_string();
        assert!(said.starts_with(&format!("error: {english}\n")), "{said}");
    }

    /// A spreadsheet's errors read row by row, each row's cells left to right: A4 … A9, A10, and
    /// B3 before B29, as a spreadsheet shows them (sorted as text, A10 came before A4).
    #[test]
    fn a_spreadsheets_errors_are_in_row_and_column_order() {
        let mut diagnostics = Diagnostics::new();
        for cell in ["A10", "B29", "A4", "AA3", "B3", "A9", "C3"] {
            diagnostics.push(Diagnostic::error(
                format!("data/editions/2026.xlsx, sheet Results, {cell}"),
                "wrong",
            ));
        }
        diagnostics.push(Diagnostic::error("data/companies.yaml", "wrong").at(2, 1));
        let order: Vec<&str> = diagnostics
            .sorted()
            .iter()
            .map(|d| d.file.rsplit(", ").next().unwrap())
            .collect();
        assert_eq!(
            order,
            [
                "data/companies.yaml",
                "B3",
                "C3",
                "AA3",
                "A4",
                "A9",
                "A10",
                "B29"
            ]
        );
    }

    #[test]
    fn an_example_of_several_lines_is_shown_line_by_line_under_its_label() {
        let diagnostic = Diagnostic::error("content/a.md", "an article needs a `date`")
            .at(1, 1)
            .expected("front matter such as:\n---\ndate: 2026-06-15\n---")
            .hint(Some("a \u{1b}[31m in a quoted name\nstays harmless".into()));
        let shown = diagnostic.to_string();
        assert!(
            shown.contains(
                "   = expected: front matter such as:\n               ---\n               date: 2026-06-15\n               ---\n"
            ),
            "{shown}"
        );
        assert!(
            shown.contains(
                "   = help: a \u{241b}[31m in a quoted name\n           stays harmless\n"
            ),
            "{shown}"
        );
    }

    #[test]
    fn a_long_source_line_is_shown_as_a_window_with_the_caret_on_the_same_character() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let (shown, column) = excerpt(&line, Some(5001));
        assert!(shown.chars().count() <= SHOWN_LINE_CHARS + 2, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        let column = column.expect("column");
        assert_eq!(shown.chars().nth(column - 1), Some('X'));
        // Short lines are shown whole.
        assert_eq!(
            excerpt("title: x", Some(8)),
            ("title: x".to_string(), Some(8))
        );
    }
}
