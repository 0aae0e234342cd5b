//! An OpenDocument spreadsheet's sheet, read from its `content.xml` as a stream. A run of equal
//! cells or rows is written once with a count (`number-rows-repeated="1048000"`): empty runs only
//! move the position on, and filled ones are counted against the limit before they are added,
//! so a small file cannot expand into billions of cells. (calamine reads every sheet of an
//! OpenDocument file, runs expanded, as soon as it is opened: it is not used for them.)

use std::collections::HashSet;
use std::io::BufReader;

use quick_xml::events::{BytesStart, Event};

use super::archive::Archive;
use super::grid::{Grid, TooLarge, Value};
use crate::diagnostics::Diagnostic;
use crate::input::limits;

/// What one pass over `content.xml` found: every sheet with whether it is visible, and the
/// cells of the one asked for.
pub(super) struct Read {
    pub(super) sheets: Vec<(String, bool)>,
    /// The sheet read and its cells, when it was found.
    pub(super) sheet: Option<(String, Grid)>,
}

/// Which sheet to read: the one named, or the first visible one.
pub(super) fn read(
    archive: &mut Archive,
    relative: &str,
    wanted: Option<&str>,
) -> Result<Read, Box<Diagnostic>> {
    let cannot_read = |error: &dyn std::fmt::Display| {
        Box::new(
            super::archive::cannot_read(relative, error)
                .expected("an .ods file as LibreOffice or OpenOffice saves it")
                .expects("diag_ods_expected", &[]),
        )
    };
    let content = archive
        .by_name("content.xml")
        .map_err(|_| cannot_read(&"it has no content.xml"))?;
    let mut reader = Reader {
        xml: quick_xml::Reader::from_reader(BufReader::new(content)),
        buffer: Vec::new(),
    };
    let mut hidden_styles: HashSet<String> = HashSet::new();
    let mut style: Option<String> = None;
    let mut read = Read {
        sheets: Vec::new(),
        sheet: None,
    };
    loop {
        let event = reader.next().map_err(|e| cannot_read(&e))?;
        match event {
            Next::Start(element, empty) => match element.name().as_ref() {
                "style:style" if !empty => style = attribute(&element, "style:name"),
                "style:table-properties" => {
                    if attribute(&element, "table:display").as_deref() == Some("false")
                        && let Some(name) = &style
                    {
                        hidden_styles.insert(name.clone());
                    }
                }
                "table:table" => {
                    let name = attribute(&element, "table:name").unwrap_or_default();
                    let visible = attribute(&element, "table:style-name")
                        .is_none_or(|style| !hidden_styles.contains(&style));
                    read.sheets.push((name.clone(), visible));
                    let chosen = read.sheet.is_none()
                        && match wanted {
                            Some(wanted) => wanted == name,
                            None => visible,
                        };
                    if chosen && !empty {
                        let grid = read_table(&mut reader).map_err(|problem| match problem {
                            Problem::Xml(e) => cannot_read(&e),
                            Problem::TooLarge(problem) => {
                                super::grid::sheet_error(relative, &name, *problem)
                            }
                        })?;
                        read.sheet = Some((name, grid));
                    }
                }
                _ => {}
            },
            Next::End(name) if name == "style:style" => style = None,
            Next::End(_) | Next::Other => {}
            Next::Eof => return Ok(read),
        }
    }
}

enum Problem {
    Xml(quick_xml::Error),
    TooLarge(TooLarge),
}

/// The rows of the table whose start tag was just read, up to its end tag.
fn read_table<R: std::io::BufRead>(reader: &mut Reader<R>) -> Result<Grid, Problem> {
    let mut grid = Grid::default();
    let (mut row, mut column, mut rows_repeated) = (0u32, 0u32, 1u32);
    let mut depth = 0usize;
    loop {
        match reader.next().map_err(Problem::Xml)? {
            Next::Start(element, empty) => match element.name().as_ref() {
                // A table inside a cell: skipped whole.
                "table:table" if !empty => depth += 1,
                "table:table" => {}
                _ if depth > 0 => {}
                "table:table-row" => {
                    rows_repeated = count(&element, "table:number-rows-repeated");
                    column = 0;
                    if empty {
                        row = row.saturating_add(rows_repeated);
                    }
                }
                name @ ("table:table-cell" | "table:covered-table-cell") => {
                    let covered = name == "table:covered-table-cell";
                    let columns = count(&element, "table:number-columns-repeated");
                    let spans = (
                        count(&element, "table:number-rows-spanned"),
                        count(&element, "table:number-columns-spanned"),
                    );
                    let cell = Cell::from(&element);
                    let text = if empty {
                        Text::default()
                    } else {
                        read_text(reader).map_err(Problem::Xml)?
                    };
                    if !covered && let Some(value) = cell.value(text) {
                        grid.push_repeated(row, rows_repeated, column, columns, value)
                            .map_err(Problem::TooLarge)?;
                    }
                    if !covered && spans != (1, 1) {
                        grid.merge((
                            row,
                            column,
                            row.saturating_add(spans.0 - 1),
                            column.saturating_add(spans.1 - 1),
                        ))
                        .map_err(Problem::TooLarge)?;
                    }
                    column = column.saturating_add(columns);
                }
                _ => {}
            },
            Next::End(name) => match name.as_str() {
                "table:table" if depth > 0 => depth -= 1,
                "table:table" => return Ok(grid),
                "table:table-row" if depth == 0 => row = row.saturating_add(rows_repeated),
                _ => {}
            },
            Next::Other => {}
            Next::Eof => return Ok(grid),
        }
    }
}

/// What a cell's start tag says of its value.
struct Cell {
    kind: Option<String>,
    value: Option<String>,
    date: Option<String>,
    time: Option<String>,
    boolean: Option<String>,
    string: Option<String>,
    formula: bool,
    error: bool,
}

impl Cell {
    fn from(element: &BytesStart<'_>) -> Cell {
        let text = |name: &str| attribute(element, name);
        Cell {
            kind: attribute(element, "office:value-type"),
            value: text("office:value"),
            date: text("office:date-value"),
            time: text("office:time-value"),
            boolean: text("office:boolean-value"),
            string: text("office:string-value"),
            formula: attribute(element, "table:formula").is_some(),
            error: attribute(element, "calcext:value-type").as_deref() == Some("error"),
        }
    }

    /// The cell's value, given the text it shows; `None` for an empty cell.
    fn value(self, text: Text) -> Option<Value> {
        let shown = || match text.chars {
            chars if chars > limits::MAX_TEXT_CHARS => Value::TooLong(chars),
            _ => Value::Text(text.text.clone()),
        };
        if self.error {
            return Some(Value::Error(text.text));
        }
        let number = |percent: bool| {
            self.value
                .as_deref()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .map(|v| Value::Number(v, percent))
        };
        let value = match self.kind.as_deref() {
            Some("float" | "currency") => number(false),
            Some("percentage") => number(true),
            Some("date") => self.date.clone().map(Value::Date),
            Some("time") => self.time.clone().map(Value::Date),
            Some("boolean") => self.boolean.as_deref().map(|b| Value::Bool(b == "true")),
            Some("string") => match &self.string {
                Some(string) if text.text.is_empty() => {
                    let chars = string.chars().count();
                    Some(if chars > limits::MAX_TEXT_CHARS {
                        Value::TooLong(chars)
                    } else {
                        Value::Text(string.clone())
                    })
                }
                _ => Some(shown()),
            },
            _ => None,
        };
        match value {
            Some(value) => Some(value),
            None if self.formula && self.kind.is_none() => Some(Value::UncomputedFormula),
            None if text.chars > 0 => Some(shown()),
            None => None,
        }
    }
}

/// The text a cell shows: its paragraphs, a line each, with `text:s` spaces and tabs; kept up
/// to the longest text rankpress reads, and counted beyond.
#[derive(Default)]
struct Text {
    text: String,
    chars: usize,
}

impl Text {
    fn push(&mut self, piece: &str) {
        for c in piece.chars() {
            self.chars += 1;
            if self.chars <= limits::MAX_TEXT_CHARS {
                self.text.push(c);
            }
        }
    }
}

/// The text inside the cell whose start tag was just read, up to its end tag.
fn read_text<R: std::io::BufRead>(reader: &mut Reader<R>) -> Result<Text, quick_xml::Error> {
    let mut text = Text::default();
    let mut depth = 0usize;
    let mut paragraphs = 0usize;
    loop {
        match reader.next_with_text(&mut text)? {
            Next::Start(element, empty) => {
                match element.name().as_ref() {
                    "text:p" | "text:h" => {
                        if paragraphs > 0 {
                            text.push("\n");
                        }
                        paragraphs += 1;
                    }
                    "text:s" => {
                        let spaces = count(&element, "text:c").min(1_000);
                        for _ in 0..spaces {
                            text.push(" ");
                        }
                    }
                    "text:tab" => text.push("\t"),
                    "text:line-break" => text.push("\n"),
                    _ => {}
                }
                if !empty {
                    depth += 1;
                }
            }
            Next::End(_) if depth == 0 => return Ok(text),
            Next::End(_) => depth -= 1,
            Next::Other => {}
            Next::Eof => return Ok(text),
        }
    }
}

/// One XML event, owned, as the readers above need it.
enum Next<'a> {
    /// A start tag, and whether it is also its end (`<x/>`).
    Start(BytesStart<'a>, bool),
    End(String),
    Other,
    Eof,
}

struct Reader<R> {
    xml: quick_xml::Reader<R>,
    buffer: Vec<u8>,
}

impl<R: std::io::BufRead> Reader<R> {
    fn next(&mut self) -> Result<Next<'static>, quick_xml::Error> {
        self.buffer.clear();
        Ok(match self.xml.read_event_into(&mut self.buffer)? {
            Event::Start(element) => Next::Start(element.into_owned(), false),
            Event::Empty(element) => Next::Start(element.into_owned(), true),
            Event::End(element) => Next::End(element.name().as_ref().to_string()),
            Event::Eof => Next::Eof,
            _ => Next::Other,
        })
    }

    /// [`Reader::next`], adding text and character references to `text`.
    fn next_with_text(&mut self, text: &mut Text) -> Result<Next<'static>, quick_xml::Error> {
        self.buffer.clear();
        Ok(match self.xml.read_event_into(&mut self.buffer)? {
            Event::Text(content) => {
                text.push(&content.xml10_content());
                Next::Other
            }
            Event::GeneralRef(reference) => {
                let character = match reference.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => reference.resolve_char_ref().ok().flatten(),
                };
                if let Some(character) = character {
                    text.push(character.encode_utf8(&mut [0; 4]));
                }
                Next::Other
            }
            Event::Start(element) => Next::Start(element.into_owned(), false),
            Event::Empty(element) => Next::Start(element.into_owned(), true),
            Event::End(element) => Next::End(element.name().as_ref().to_string()),
            Event::Eof => Next::Eof,
            _ => Next::Other,
        })
    }
}

/// An attribute's value, its character references resolved.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(
            |a| match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(value) => value.into_owned(),
                Err(_) => a.value.into_owned(),
            },
        )
}

/// A repetition or span count: at least 1.
fn count(element: &BytesStart<'_>, name: &str) -> u32 {
    attribute(element, name)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}
