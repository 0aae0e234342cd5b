//! Results as spreadsheets (`.xlsx`, `.ods`) wherever CSV is accepted: the same data gives the
//! same site byte for byte, a spreadsheet's quirks are read as its user expects, and errors name
//! the file, the sheet and the cell.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Format, Formula, Workbook};

use crate::support::{Fixture, build_errors, in_memory};

/// One cell of a test sheet.
#[derive(Clone)]
enum Cell {
    Empty,
    Text(&'static str),
    Number(f64),
    /// A number formatted as a percentage (0.82 shows as 82%).
    Percent(f64),
    /// A formula with the value the spreadsheet computed and stored.
    Formula(&'static str, f64),
}

use Cell::{Empty, Formula as F, Number as N, Percent as P, Text as T};

/// A merged range: first row, first column, last row, last column (0-based), and its text.
type Merge = (u32, u16, u32, u16, &'static str);

/// A sheet of a test workbook: its name, its rows and its merged ranges.
type Sheet<'a> = (&'a str, Vec<Vec<Cell>>, Vec<Merge>);

fn write_xlsx(path: &Path, sheets: &[Sheet<'_>]) {
    let mut workbook = Workbook::new();
    let percent = Format::new().set_num_format("0%");
    let bordered = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    for (name, rows, merges) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    // A formatted but empty cell, as trailing rows of a real sheet often are.
                    Empty => sheet.write_blank(r, c, &bordered).map(|_| ()),
                    T(text) => sheet.write_string(r, c, *text).map(|_| ()),
                    N(value) => sheet.write_number(r, c, *value).map(|_| ()),
                    P(value) => sheet
                        .write_number_with_format(r, c, *value, &percent)
                        .map(|_| ()),
                    F(formula, value) => sheet
                        .write_formula(r, c, Formula::new(*formula).set_result(value.to_string()))
                        .map(|_| ()),
                }
                .unwrap();
            }
        }
        for (r1, c1, r2, c2, text) in merges {
            sheet
                .merge_range(*r1, *c1, *r2, *c2, text, &Format::new())
                .unwrap();
        }
    }
    workbook.save(path).unwrap();
}

/// A minimal OpenDocument spreadsheet, as LibreOffice writes one: merged cells are a spanning
/// cell followed by covered cells.
fn write_ods(path: &Path, name: &str, rows: &[Vec<Cell>], merges: &[Merge]) {
    let mut body = String::new();
    for (r, row) in rows.iter().enumerate() {
        body.push_str("<table:table-row>");
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if let Some((r1, c1, r2, c2, text)) = merges.iter().find(|m| m.0 == r && m.1 == c) {
                body.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\" table:number-rows-spanned=\"{}\" table:number-columns-spanned=\"{}\"><text:p>{text}</text:p></table:table-cell>",
                    r2 - r1 + 1,
                    c2 - c1 + 1
                ));
                continue;
            }
            if merges
                .iter()
                .any(|(r1, c1, r2, c2, _)| (*r1..=*r2).contains(&r) && (*c1..=*c2).contains(&c))
            {
                body.push_str("<table:covered-table-cell/>");
                continue;
            }
            body.push_str(&match cell {
                Empty => "<table:table-cell/>".to_string(),
                T(text) => format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
                ),
                N(value) | F(_, value) => format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{value}\"><text:p>{value}</text:p></table:table-cell>"
                ),
                P(value) => format!(
                    "<table:table-cell office:value-type=\"percentage\" office:value=\"{value}\"><text:p>{}%</text:p></table:table-cell>",
                    value * 100.0
                ),
            });
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"{name}\">{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

/// The error reported at `file` (a file, sheet and cell).
fn error_at<'a>(
    errors: &'a [rankpress::diagnostics::Diagnostic],
    file: &str,
) -> &'a rankpress::diagnostics::Diagnostic {
    errors
        .iter()
        .find(|e| e.file == file)
        .unwrap_or_else(|| panic!("no error at {file}: {errors:#?}"))
}

fn build(fixture: &Fixture) -> BTreeMap<String, Vec<u8>> {
    rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
        .unwrap_or_else(|e| panic!("{e}"))
        .1
}

/// The published files are the same. The fingerprint list (what the next build compares its
/// inputs with) is left out: it fingerprints the input files, which differ by format.
fn assert_same_site(expected: &BTreeMap<String, Vec<u8>>, got: &BTreeMap<String, Vec<u8>>) {
    let published = |site: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        site.keys()
            .filter(|path| *path != rankpress::sink::FINGERPRINTS)
            .cloned()
            .collect()
    };
    assert_eq!(published(expected), published(got));
    for path in published(expected) {
        let bytes = &expected[&path];
        assert!(got[&path] == *bytes, "{path} differs");
    }
}

const EDITION: &str = "year: 2026\npublished: 2026-06-15\n";

const RESULTS_CSV: &str = "\
company,responses,speed,care,standards
alpha,100,4.5,4,2
beta,80,3,3.5,1
gamma,120,5,4.2,3
delta,40,2.5,2,4
epsilon,55,4,5,1.5
";

/// The CSV's results as a spreadsheet user keeps them: a title above, a two-row header with
/// merged cells, a number stored as text with a decimal comma, a formula, empty rows between
/// and after the data.
fn results_sheet() -> (Vec<Vec<Cell>>, Vec<Merge>) {
    let rows = vec![
        vec![T("Results 2026, as delivered by the field team")],
        vec![],
        vec![Empty, Empty, Empty, Empty, T("Management")],
        vec![Empty, Empty, T("speed"), T("care"), T("standards")],
        vec![T("alpha"), N(100.0), N(4.5), N(4.0), N(2.0)],
        vec![T("beta"), N(80.0), N(3.0), T("3,5"), N(1.0)],
        vec![Empty, Empty, Empty, Empty, Empty],
        vec![T("gamma"), N(120.0), N(5.0), F("=4+0.2", 4.2), N(3.0)],
        vec![T(" delta "), T("40"), N(2.5), N(2.0), N(4.0)],
        vec![T("epsilon"), N(55.0), N(4.0), N(5.0), N(1.5)],
        vec![Empty, Empty, Empty, Empty, Empty],
        vec![Empty, Empty, Empty, Empty, Empty],
    ];
    // `company` and `responses` merged down over both header rows, "Customers" across two.
    let merges = vec![
        (2, 0, 3, 0, "company"),
        (2, 1, 3, 1, "responses"),
        (2, 2, 2, 3, "Customers"),
    ];
    (rows, merges)
}

#[test]
fn results_as_csv_xlsx_and_ods_give_byte_identical_sites() {
    let csv = Fixture::with_theme(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", RESULTS_CSV),
    ]);
    let expected = build(&csv);
    let (rows, merges) = results_sheet();

    let xlsx = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    write_xlsx(
        &xlsx.root().join("data/editions/2026.xlsx"),
        &[("Results", rows.clone(), merges.clone())],
    );
    assert_same_site(&expected, &build(&xlsx));

    let ods = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    write_ods(
        &ods.root().join("data/editions/2026.ods"),
        "Results",
        &rows,
        &merges,
    );
    assert_same_site(&expected, &build(&ods));
}

#[test]
fn a_named_sheet_is_read_and_an_unknown_one_lists_the_sheets() {
    let (rows, merges) = results_sheet();
    let notes = vec![vec![T("Fieldwork ran from March to April.")]];
    let sheets = [("Notes", notes, Vec::new()), ("Results", rows, merges)];
    let named = Fixture::with_theme(&[(
        "data/editions/2026.yaml",
        &format!("{EDITION}sheet: Results\n"),
    )]);
    write_xlsx(&named.root().join("data/editions/2026.xlsx"), &sheets);
    let csv = Fixture::with_theme(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", RESULTS_CSV),
    ]);
    assert_same_site(&build(&csv), &build(&named));

    let typo = Fixture::with_theme(&[(
        "data/editions/2026.yaml",
        &format!("{EDITION}sheet: Resluts\n"),
    )]);
    write_xlsx(&typo.root().join("data/editions/2026.xlsx"), &sheets);
    let errors = build_errors(&typo);
    let error = errors
        .iter()
        .find(|e| e.message.contains("no sheet `Resluts`"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(error.file, "data/editions/2026.xlsx");
    assert_eq!(
        error.expected.as_deref(),
        Some("one of its sheets: `Notes`, `Results`")
    );
    assert!(error.hint.as_deref().unwrap_or("").contains("`Results`"));
}

#[test]
fn errors_in_a_spreadsheet_name_the_file_the_sheet_and_the_cell() {
    let (mut rows, merges) = results_sheet();
    // Row 6 of the sheet: a care value that is no number; row 10: an unknown company; and a
    // value beside the data, in a column without a header.
    rows[5] = vec![T("beta"), N(80.0), N(3.0), T("n/a"), N(1.0)];
    rows[9] = vec![T("epsilonn"), N(55.0), N(4.0), N(5.0), N(1.5), T("checked")];
    let fixture = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    write_xlsx(
        &fixture.root().join("data/editions/2026.xlsx"),
        &[("Results", rows, merges)],
    );
    let errors = build_errors(&fixture);
    let at = |file: &str| error_at(&errors, file);
    assert!(
        at("data/editions/2026.xlsx, sheet Results, D6")
            .message
            .contains("n/a")
    );
    let unknown = at("data/editions/2026.xlsx, sheet Results, A10");
    assert!(unknown.message.contains("epsilonn"), "{unknown:?}");
    assert!(unknown.hint.as_deref().unwrap_or("").contains("epsilon"));
    assert!(
        at("data/editions/2026.xlsx, sheet Results, F10")
            .message
            .contains("column without a header")
    );
    // No line and column of the CSV the sheet was turned into leak out.
    assert!(errors.iter().all(|e| e.line.is_none()), "{errors:#?}");
    let shown = errors[0].to_string();
    assert!(shown.contains("--> data/editions/2026."), "{shown}");
}

/// The respondent-level fixture of respondents.rs, whose figures are worked out by hand there.
use crate::respondents::{
    COMPANIES as RESPONDENT_COMPANIES, CUSTOMER as CUSTOMER_CSV,
    METHODOLOGY as RESPONDENT_METHODOLOGY,
};

const MANAGEMENT_CSV: &str = "company,standards\nalpha,80\nbeta,93.5\ngamma,60\ndelta,70\n";

fn respondent_site(files: &[(&str, &str)]) -> Fixture {
    let mut all = vec![
        ("data/methodology.yaml", RESPONDENT_METHODOLOGY),
        ("data/companies.yaml", RESPONDENT_COMPANIES),
        ("data/editions/2026.yaml", EDITION),
    ];
    all.extend_from_slice(files);
    Fixture::with_theme(&all)
}

fn customer_rows() -> Vec<Vec<Cell>> {
    let mut rows = vec![vec![T("respondent"), T("company"), T("speed"), T("care")]];
    for line in CUSTOMER_CSV.lines().skip(1) {
        let cells: Vec<&'static str> = line.split(',').collect();
        rows.push(
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| match (i, c.parse::<f64>()) {
                    (_, _) if c.is_empty() => Empty,
                    (2 | 3, Ok(v)) => N(v),
                    _ => T(c),
                })
                .collect(),
        );
    }
    rows
}

/// Percentages as a management team types them: a number formatted as percent, text with a
/// percent sign, and a number stored as text with a decimal comma.
fn management_rows() -> Vec<Vec<Cell>> {
    vec![
        vec![T("company"), T("standards")],
        vec![T("alpha"), P(0.8)],
        vec![T("beta"), T("93,5")],
        vec![T("gamma"), T("60 %")],
        vec![T("delta"), N(70.0)],
    ]
}

#[test]
fn respondent_files_as_spreadsheets_give_the_same_site_as_csv() {
    let csv = respondent_site(&[
        ("data/editions/2026/customer.csv", CUSTOMER_CSV),
        ("data/editions/2026/management.csv", MANAGEMENT_CSV),
    ]);
    let expected = build(&csv);
    let xlsx = respondent_site(&[]);
    let folder = xlsx.root().join("data/editions/2026");
    std::fs::create_dir_all(&folder).unwrap();
    write_xlsx(
        &folder.join("customer.xlsx"),
        &[("Sheet1", customer_rows(), Vec::new())],
    );
    write_xlsx(
        &folder.join("management.xlsx"),
        &[("Sheet1", management_rows(), Vec::new())],
    );
    assert_same_site(&expected, &build(&xlsx));
    // `--verbose` says which sheet of each respondent spreadsheet was read.
    let (report, _) = rankpress::pipeline::build_in_memory(&in_memory(xlsx.root())).unwrap();
    for file in ["customer", "management"] {
        let note = format!("data/editions/2026/{file}.xlsx: read the sheet Sheet1");
        assert!(
            report.warnings.notes().contains(&note),
            "{:?}",
            report.warnings.notes()
        );
    }

    // The same as .ods, where a percentage is a cell of percentage type holding 0.8.
    let ods = respondent_site(&[]);
    let folder = ods.root().join("data/editions/2026");
    std::fs::create_dir_all(&folder).unwrap();
    write_ods(
        &folder.join("customer.ods"),
        "Sheet1",
        &customer_rows(),
        &[],
    );
    write_ods(
        &folder.join("management.ods"),
        "Sheet1",
        &management_rows(),
        &[],
    );
    assert_same_site(&expected, &build(&ods));
}

#[test]
fn errors_in_a_respondent_spreadsheet_name_cells_and_rows() {
    let mut rows = customer_rows();
    rows[2] = vec![T("r2"), T("alpha"), N(7.0), N(3.0)];
    rows[6] = vec![T("r1"), T("beta"), N(3.0), N(3.0)];
    let fixture = respondent_site(&[("data/editions/2026/management.csv", MANAGEMENT_CSV)]);
    let folder = fixture.root().join("data/editions/2026");
    write_xlsx(
        &folder.join("customer.xlsx"),
        &[("Answers", rows, Vec::new())],
    );
    let errors = build_errors(&fixture);
    let at = |file: &str| error_at(&errors, file);
    assert!(
        at("data/editions/2026/customer.xlsx, sheet Answers, C3")
            .message
            .contains("outside the scale")
    );
    let twice = at("data/editions/2026/customer.xlsx, sheet Answers, A7");
    assert!(twice.message.contains("on row 2 too"), "{twice:?}");
}

/// Rewrites entry `name` of the zip archive at `path` with `change`.
fn rewrite_entry(path: &Path, name: &str, change: impl Fn(String) -> String) {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let entry_name = entry.name().unwrap().to_string();
        let mut contents = String::new();
        std::io::Read::read_to_string(&mut entry, &mut contents).unwrap();
        if entry_name == name {
            contents = change(contents);
        }
        out.start_file(entry_name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(contents.as_bytes()).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// A site whose 2026 results are [`results_sheet`] as `.xlsx` or `.ods` (`format`), with the
/// archive's entry `entry` rewritten by `change`: a file as a script or an attacker writes it.
fn tampered_results(format: &str, entry: &str, change: impl Fn(String) -> String) -> Fixture {
    let (rows, merges) = results_sheet();
    let fixture = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    let path = fixture.root().join(format!("data/editions/2026.{format}"));
    if format == "ods" {
        write_ods(&path, "Results", &rows, &merges);
    } else {
        write_xlsx(&path, &[("Results", rows, merges)]);
    }
    rewrite_entry(&path, entry, change);
    fixture
}

/// The errors of an in-memory build, each shown in full.
fn shown_errors(fixture: &Fixture) -> String {
    build_errors(fixture)
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A hidden first sheet ("Draft", with other numbers) is never published: without `sheet:`
/// the first visible sheet is read, in an Excel and in an OpenDocument file, and `--verbose`
/// says which sheet that was.
#[test]
fn a_hidden_sheet_is_never_published() {
    let csv = Fixture::with_theme(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", RESULTS_CSV),
    ]);
    let expected = build(&csv);
    let (rows, merges) = results_sheet();
    let draft = vec![
        vec![
            T("company"),
            T("responses"),
            T("speed"),
            T("care"),
            T("standards"),
        ],
        vec![T("alpha"), N(999.0), N(5.0), N(5.0), N(1.0)],
    ];

    let xlsx = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    let path = xlsx.root().join("data/editions/2026.xlsx");
    write_xlsx(
        &path,
        &[
            ("Draft", draft.clone(), Vec::new()),
            ("Results", rows.clone(), merges.clone()),
        ],
    );
    // The first sheet hidden, as Excel writes it.
    rewrite_entry(&path, "xl/workbook.xml", |xml| {
        xml.replace(
            "<sheet name=\"Draft\"",
            "<sheet name=\"Draft\" state=\"hidden\"",
        )
    });
    assert_same_site(&expected, &build(&xlsx));
    let (report, _) = rankpress::pipeline::build_in_memory(&in_memory(xlsx.root())).unwrap();
    assert!(
        report
            .warnings
            .notes()
            .iter()
            .any(|n| n == "data/editions/2026.xlsx: read the sheet Results"),
        "{:?}",
        report.warnings.notes()
    );

    let ods = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    let path = ods.root().join("data/editions/2026.ods");
    write_ods(&path, "Results", &rows, &merges);
    // A hidden "Draft" table before it, as LibreOffice writes one: its style says
    // `table:display="false"`.
    rewrite_entry(&path, "content.xml", |xml| {
        xml.replace(
            "<office:body>",
            "<office:automatic-styles><style:style style:name=\"ta2\" style:family=\"table\"><style:table-properties table:display=\"false\"/></style:style></office:automatic-styles><office:body>",
        )
        .replace(
            "<office:spreadsheet>",
            "<office:spreadsheet><table:table table:name=\"Draft\" table:style-name=\"ta2\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>company</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>responses</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell office:value-type=\"string\"><text:p>alpha</text:p></table:table-cell><table:table-cell office:value-type=\"float\" office:value=\"999\"/></table:table-row></table:table>",
        )
        .replace(
            "xmlns:office=",
            "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:office=",
        )
    });
    assert_same_site(&expected, &build(&ods));
}

/// A formula whose result was never saved (a file written by a script) read as empty, and the
/// company dropped out of the ranking without a word; a date in a number column became its
/// serial number (2026-03-01 as 46,082 responses). Both are errors at their cell now.
#[test]
fn formula_cells_without_a_cached_value_and_dates_are_errors_at_their_cell() {
    let (mut rows, merges) = results_sheet();
    // Row 8: gamma's care is a formula never computed.
    rows[7] = vec![T("gamma"), N(120.0), N(5.0), F("=4+0.2", 4.2), N(3.0)];
    let fixture = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    let path = fixture.root().join("data/editions/2026.xlsx");
    write_xlsx(&path, &[("Results", rows, merges.clone())]);
    rewrite_entry(&path, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace("<f>4+0.2</f><v>4.2</v>", "<f>4+0.2</f>")
    });
    let errors = build_errors(&fixture);
    let formula = error_at(&errors, "data/editions/2026.xlsx, sheet Results, D8");
    assert!(
        formula.message.contains("formula has no saved value"),
        "{formula:?}"
    );
    assert!(
        formula
            .expected
            .as_deref()
            .unwrap_or("")
            .contains("save it"),
        "{formula:?}"
    );

    // The same in an OpenDocument file: a formula without a value type.
    let ods = tampered_results("ods", "content.xml", |xml| {
        xml.replacen(
            "<table:table-cell office:value-type=\"float\" office:value=\"4.2\"><text:p>4.2</text:p></table:table-cell>",
            "<table:table-cell table:formula=\"of:=4+0.2\"/>",
            1,
        )
    });
    let errors = build_errors(&ods);
    let formula = error_at(&errors, "data/editions/2026.ods, sheet Results, D8");
    assert!(
        formula.message.contains("formula has no saved value"),
        "{formula:?}"
    );

    // A date where the responses belong.
    let fixture = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    let path = fixture.root().join("data/editions/2026.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Results").unwrap();
    for (c, name) in ["company", "responses", "speed", "care", "standards"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "alpha").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 1).unwrap();
    sheet
        .write_datetime_with_format(1, 1, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    for c in 2..5 {
        sheet.write_number(1, c, 4.0).unwrap();
    }
    workbook.save(&path).unwrap();
    let errors = build_errors(&fixture);
    let date = error_at(&errors, "data/editions/2026.xlsx, sheet Results, B2");
    assert!(date.message.contains("the date 2026-03-01"), "{date:?}");
    assert!(!date.message.contains("46082"), "{date:?}");
}

/// A password-protected workbook (an OLE file, as Excel encrypts), a CSV or a web page renamed
/// `.xlsx`, an empty file: each named for what it is, with what to do, instead of "invalid Zip
/// archive: Could not find EOCD".
#[test]
fn a_file_that_is_no_spreadsheet_is_named_for_what_it_is() {
    let cases: [(&[u8], &str); 4] = [
        (
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            "password-protected",
        ),
        (RESULTS_CSV.as_bytes(), "CSV file renamed"),
        (
            b"<html><body><table><tr><td>company</td></tr></table>",
            "web page",
        ),
        (b"", "empty"),
    ];
    for (bytes, what) in cases {
        let fixture = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
        std::fs::write(fixture.root().join("data/editions/2026.xlsx"), bytes).unwrap();
        let errors = shown_errors(&fixture);
        assert!(errors.contains(what), "{what}: {errors}");
        assert!(errors.contains("save it again"), "{errors}");
        assert!(!errors.contains("EOCD"), "{errors}");
    }
}

/// Spreadsheets of a few kilobytes that declare or expand to enormous sizes get a clear error
/// in a bounded time and memory; before, the first aborted the process trying to allocate
/// 512 GB and the others took gigabytes and tens of seconds (benches/hostile.sh measures them).
#[test]
fn spreadsheets_that_expand_enormously_are_refused_not_expanded() {
    // One stray cell at XFD1048576 beside the table.
    let fixture = tampered_results("xlsx", "xl/worksheets/sheet1.xml", |xml| {
        xml.replace(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>",
        )
    });
    let errors = shown_errors(&fixture);
    assert!(
        errors.contains(
            "column without a header\n  --> data/editions/2026.xlsx, sheet Results, XFD1048576"
        ),
        "{errors}"
    );

    // A thousand filled rows and one stray cell 16,000 columns to the right: an area of 16
    // million cells, refused by its extent.
    let fixture = tampered_results("ods", "content.xml", |xml| {
        xml.replace(
            "</table:table>",
            "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>",
        )
    });
    let errors = shown_errors(&fixture);
    assert!(errors.contains("filled cells span A1:"), "{errors}");
    assert!(
        errors.contains("delete the cells right of it and below it"),
        "{errors}"
    );

    // A merged range from F1 to XFD1048576: read as the few cells that are there.
    let fixture = tampered_results("xlsx", "xl/worksheets/sheet1.xml", |xml| {
        xml.replace(
            "<mergeCells count=\"3\">",
            "<mergeCells count=\"4\"><mergeCell ref=\"F1:XFD1048576\"/>",
        )
    });
    build(&fixture);

    // Four billion shared strings declared.
    let fixture = tampered_results("xlsx", "xl/sharedStrings.xml", |xml| {
        let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = at + xml[at..].find('"').unwrap();
        format!("{}4000000000{}", &xml[..at], &xml[end..])
    });
    let errors = shown_errors(&fixture);
    assert!(errors.contains("4000000000 different texts"), "{errors}");

    // An OpenDocument row of 30 filled cells repeated a million times.
    let fixture = tampered_results("ods", "content.xml", |xml| {
        xml.replace(
            "</table:table>",
            "<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"30\"/></table:table-row></table:table>",
        )
    });
    let errors = shown_errors(&fixture);
    assert!(
        errors.contains("filled cells, more than rankpress reads"),
        "{errors}"
    );

    // A cell of a million characters is reported by its length, not quoted.
    let long = "x".repeat(1_000_000);
    let fixture = tampered_results("ods", "content.xml", |xml| {
        xml.replacen(
            "<text:p>alpha</text:p>",
            &format!("<text:p>{long}</text:p>"),
            1,
        )
    });
    let errors = shown_errors(&fixture);
    assert!(errors.contains("holds 1000000 characters"), "{errors}");
    assert!(errors.len() < 10_000, "{} bytes of errors", errors.len());
}

/// The weighted respondents of weights.rs as a spreadsheet: the same site as the CSV, and a bad
/// weight located at its cell.
#[test]
fn weighted_respondents_as_a_spreadsheet_give_the_same_site_and_locate_a_bad_weight() {
    let rows = |weights: [Cell; 6]| {
        let mut rows = vec![vec![
            T("respondent"),
            T("company"),
            T("weight"),
            T("speed"),
            T("care"),
        ]];
        let answers: [(&'static str, &'static str, f64, Option<f64>); 6] = [
            ("a1", "alpha", 5.0, Some(4.0)),
            ("a2", "alpha", 3.0, None),
            ("a3", "alpha", 4.0, Some(2.0)),
            ("b1", "beta", 5.0, Some(5.0)),
            ("b2", "beta", 5.0, Some(5.0)),
            ("b3", "beta", 4.0, Some(4.0)),
        ];
        for ((id, company, speed, care), weight) in answers.into_iter().zip(weights) {
            rows.push(vec![
                T(id),
                T(company),
                weight,
                N(speed),
                care.map_or(Empty, N),
            ]);
        }
        rows
    };
    let expected = build(&crate::weights::site(crate::weights::WEIGHTED));
    let xlsx = crate::weights::site(crate::weights::WEIGHTED);
    let folder = xlsx.root().join("data/editions/2026");
    std::fs::remove_file(folder.join("customer.csv")).unwrap();
    write_xlsx(
        &folder.join("customer.xlsx"),
        &[(
            "Sheet1",
            rows([N(2.0), N(1.0), N(1.0), N(10.0), N(1.0), N(1.0)]),
            Vec::new(),
        )],
    );
    assert_same_site(&expected, &build(&xlsx));
    write_xlsx(
        &folder.join("customer.xlsx"),
        &[(
            "Sheet1",
            rows([N(2.0), N(0.0), N(1.0), N(10.0), N(1.0), N(1.0)]),
            Vec::new(),
        )],
    );
    let errors = build_errors(&xlsx);
    let wrong = errors
        .iter()
        .find(|d| d.message == "weight 0 is not above 0")
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(
        wrong.file, "data/editions/2026/customer.xlsx, sheet Sheet1, C3",
        "{wrong:?}"
    );
}

/// A results table as a research team writes it: criteria headed by their names in a site
/// language ("Pflege" for `care`), companies given by name, a label column the edition's YAML
/// file says to ignore. It reads like ids would; a name two companies share is an error naming
/// both, and the first unknown column says once what a header may hold.
#[test]
fn natural_headers_company_names_and_ignored_columns_are_read() {
    let methodology = crate::support::METHODOLOGY.replace(
        "{id: care, name: Care, weight: 3}",
        "{id: care, name: {en: Care, de: Pflege}, weight: 3}",
    );
    let csv = "company,Region,responses,Speed,pflege,standards\nAlpha Bank,Nord,100,5,4,2\nbeta,Süd,100,3,3,3\n";
    let fixture = Fixture::new(&[
        ("data/methodology.yaml", &methodology),
        (
            "data/editions/2026.yaml",
            "year: 2026\nignore_columns: [Region]\n",
        ),
        ("data/editions/2026.csv", csv),
    ]);
    let (site, results) = fixture.results();
    // Alpha: customers (1 × 100 for speed 5 + 3 × 75 for care 4) / 4 = 81.25, management
    // (6 − 2) / 5 = 80, overall (2 × 81.25 + 80) / 3 = 80.83: "Pflege" is read as care.
    let ranking = crate::support::ranking(&site, results.last().unwrap());
    assert_eq!(
        ranking
            .first()
            .map(|(id, rank, score)| (id.as_str(), *rank, score.as_str())),
        Some(("alpha", 1, "80.8"))
    );
    assert_eq!(ranking.len(), 2);

    // Without `ignore_columns`, "Region" and an unknown "Notes" are errors; the first says what
    // a header may hold, the second only names its column.
    let csv = "company,Region,responses,Speed,care,standards,Notes\nalpha,Nord,100,5,4,2,x\n";
    let fixture = Fixture::new(&[
        ("data/methodology.yaml", &methodology),
        ("data/editions/2026.yaml", "year: 2026\n"),
        ("data/editions/2026.csv", csv),
    ]);
    let errors = crate::support::build_errors(&fixture);
    let unknown: Vec<_> = errors
        .iter()
        .filter(|e| e.message.starts_with("unknown column"))
        .collect();
    assert_eq!(unknown.len(), 2, "{errors:?}");
    assert!(
        unknown[0]
            .expected
            .as_deref()
            .is_some_and(|e| e.contains("ignore_columns"))
    );
    assert_eq!(unknown[1].expected, None);

    // Two companies of one name: the row must use an id.
    let companies = crate::support::COMPANIES.replace("name: Beta Bank", "name: Alpha Bank");
    let fixture = Fixture::new(&[
        ("data/companies.yaml", &companies),
        ("data/editions/2026.yaml", "year: 2026\n"),
        (
            "data/editions/2026.csv",
            "company,responses,speed,care,standards\nAlpha Bank,100,5,4,2\n",
        ),
    ]);
    let errors = crate::support::build_errors(&fixture);
    assert!(
        errors
            .iter()
            .any(|e| e.message == "`Alpha Bank` is the name of 2 companies: `alpha`, `beta`"),
        "{errors:?}"
    );
}

/// A results table headed in the research team's language: the fixed columns may carry the
/// headings the pages give them in any theme language ("Компания" merged down over two header
/// rows, "Ответы клиентов"; "Unternehmen" and "Branche" in a CSV), and read as the ids do.
#[test]
fn fixed_columns_headed_in_any_theme_language_are_read_as_their_ids() {
    let expected = build(&Fixture::with_theme(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", RESULTS_CSV),
    ]));
    let (rows, mut merges) = results_sheet();
    merges[0].4 = "Компания";
    merges[1].4 = "Ответы клиентов";
    let xlsx = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    write_xlsx(
        &xlsx.root().join("data/editions/2026.xlsx"),
        &[("Итоги", rows, merges)],
    );
    assert_same_site(&expected, &build(&xlsx));

    let german = RESULTS_CSV.replacen("company,responses", "Unternehmen,KUNDENANTWORTEN", 1);
    let csv = Fixture::with_theme(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", &german),
    ]);
    assert_same_site(&expected, &build(&csv));

    // Without any company heading, the error gives examples of the words it may use.
    let nameless = RESULTS_CSV.replacen("company,", "Firmenname,", 1);
    let fixture = Fixture::new(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", &nameless),
    ]);
    let errors = build_errors(&fixture);
    let missing = errors
        .iter()
        .find(|e| e.message == "the header has no `company` column")
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert!(
        missing
            .expected
            .as_deref()
            .is_some_and(|e| e.contains("`company,responses,")
                && e.contains("in words (`")
                && e.contains("`Company`")),
        "{missing:?}"
    );
}

/// Without `sheet:`, a workbook whose first sheet is a description and whose results are on a
/// later sheet gets one error that names that sheet and the line to add, instead of a flood of
/// errors on the description.
#[test]
fn results_on_a_later_sheet_are_named_with_the_line_to_add() {
    let (rows, merges) = results_sheet();
    let about = vec![vec![T("Описание")], vec![T("Полевой этап: март–апрель.")]];
    let sheets = [("Описание", about, Vec::new()), ("Итоги", rows, merges)];
    let fixture = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    write_xlsx(&fixture.root().join("data/editions/2026.xlsx"), &sheets);
    let errors = build_errors(&fixture);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "data/editions/2026.xlsx, sheet Описание");
    assert_eq!(
        errors[0].message,
        "the first sheet, `Описание`, has no `company` header; the sheet `Итоги` has one"
    );
    assert_eq!(
        errors[0].hint.as_deref(),
        Some("add `sheet: Итоги` to the edition's YAML file")
    );
}

/// A header that is one word of a fixed column's heading ("Ответы" for "Ответы клиентов") is
/// not read as that column (a word alone may name something else), and its error says which
/// heading would be.
#[test]
fn a_word_of_a_columns_heading_gets_the_full_heading_as_a_hint() {
    let shortened = RESULTS_CSV.replacen("responses,", "Ответы,", 1);
    let fixture = Fixture::new(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", &shortened),
    ]);
    let errors = build_errors(&fixture);
    let unknown = errors
        .iter()
        .find(|e| e.message == "unknown column `Ответы`")
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(
        unknown.hint.as_deref(),
        Some(
            "the column `responses` is headed `responses` or by its full heading, such as `Ответы клиентов`"
        ),
        "{unknown:?}"
    );
}
