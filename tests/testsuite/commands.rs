//! `rankpress check`, `init` and `new article`, run as a user runs them.

use std::fs;
use std::process::Command;

use crate::support::Fixture;

const BINARY: &str = env!("CARGO_BIN_EXE_rankpress");

fn run(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(BINARY)
        .args(args)
        .output()
        .expect("run rankpress");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[test]
fn check_passes_on_the_example_site_and_writes_nothing() {
    let root = crate::support::repo_root();
    let (ok, stdout, stderr) = run(&["check", "--root", root.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    // As many pages as a build of the example writes.
    let (_, files) = rankpress::pipeline::build_in_memory(&crate::support::in_memory(&root))
        .expect("the example builds");
    let pages = files.keys().filter(|path| path.ends_with(".html")).count();
    assert!(
        stdout.starts_with(&format!("Checked {pages} pages and ")),
        "{stdout}"
    );
    assert!(
        stdout
            .trim_end()
            .ends_with("links: 0 error(s), 0 warning(s)"),
        "{stdout}"
    );
}

#[test]
fn check_reports_a_broken_markdown_link_at_its_line() {
    let article = "---\ntitle: News\ndate: 2026-06-20\n---\nIntro.\n\nSee [the ranking](../../2027/index.html) and [methods](../../methodology/index.html#nowhere).\n";
    let fixture = Fixture::with_theme(&[("content/articles/news.md", article)]);
    let root = fixture.root().to_str().unwrap().to_string();
    let (ok, stdout, stderr) = run(&["check", "--root", &root]);
    assert!(!ok, "a broken link must fail the check");
    assert!(stderr.contains("content/articles/news.md:7:"), "{stderr}");
    assert!(
        stderr.contains("the link `../../2027/index.html` leads to no page"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `2026/index.html`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no heading or element `#nowhere`"),
        "{stderr}"
    );
    assert!(stdout.contains(": 2 error(s)"), "{stdout}");
    assert!(
        !fixture.root().join("public").exists(),
        "check writes nothing"
    );
}

#[test]
fn check_reports_input_errors_like_build() {
    let fixture = Fixture::with_theme(&[("data/sectors.yaml", "- id: banks\n  name: Banks\n")]);
    let (ok, stdout, stderr) = run(&["check", "--root", fixture.root().to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("unknown sector `travel`"), "{stderr}");
    assert!(stdout.contains("error(s)"), "{stdout}");
}

#[test]
fn init_creates_a_site_that_builds_and_passes_check() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("my-ranking");
    let (ok, stdout, stderr) = run(&["init", folder.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Created a new site"));
    let root = folder.to_str().unwrap();
    // The next three steps, and the guide the site's own files point to, in the site.
    for step in [
        "  1. Put your own data in",
        "  2. Preview while you edit: rankpress serve --root",
        "  3. Publish: rankpress build --root",
    ] {
        assert!(stdout.contains(step), "{step} in {stdout}");
    }
    assert!(
        fs::read_to_string(folder.join("data/site.yaml"))
            .unwrap()
            .contains("docs/format.md")
    );
    assert!(
        fs::read_to_string(folder.join("docs/format.md"))
            .unwrap()
            .contains("## `data/site.yaml`")
    );
    let (ok, stdout, stderr) = run(&["check", "--root", root]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("0 error(s), 0 warning(s)"), "{stdout}");
    let (ok, _, stderr) = run(&["build", "--root", root]);
    assert!(ok, "{stderr}");
    // Two sectors, six companies, two editions, one article.
    let ranking: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(folder.join("public/2026/ranking.json")).unwrap())
            .unwrap();
    assert_eq!(ranking["companies"].as_array().unwrap().len(), 6);
    assert!(folder.join("public/2025/index.html").is_file());
    // A second build leaves the previous output beside public/ as its spare, and the lock:
    // the new site's .gitignore keeps every file a build makes out of `git add .`.
    let (ok, _, stderr) = run(&["build", "--root", root]);
    assert!(ok, "{stderr}");
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(&folder)
            .args(args)
            .output()
            .expect("git")
    };
    assert!(git(&["init", "-q"]).status.success());
    let built: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|name| name == "public" || name.starts_with(".public."))
        .collect();
    assert!(built.len() >= 3, "{built:?}");
    for name in built {
        assert!(
            git(&["check-ignore", "-q", &name]).status.success(),
            "{name} would be committed"
        );
    }
    assert!(
        folder
            .join("public/2026/sectors/travel/index.html")
            .is_file()
    );
    assert!(
        folder
            .join("public/articles/how-we-rank/index.html")
            .is_file()
    );
    // A new site carries no example notice; every page names its generator and version.
    let home = fs::read_to_string(folder.join("public/index.html")).unwrap();
    assert!(
        !home.contains("class=\"notice\"") && !home.contains("fictional"),
        "{home}"
    );
    assert!(home.contains(&format!(
        "<meta name=\"generator\" content=\"rankpress {}\">",
        env!("CARGO_PKG_VERSION")
    )));
    let (ok, version, _) = run(&["--version"]);
    assert!(ok && version.trim() == format!("rankpress {}", env!("CARGO_PKG_VERSION")));
    // A folder that is not empty is refused.
    let (ok, _, stderr) = run(&["init", root]);
    assert!(!ok);
    assert!(stderr.contains("not empty"), "{stderr}");
}

#[test]
fn the_theme_built_into_init_is_the_whole_default_theme() {
    let theme = crate::support::repo_root().join("themes/default");
    let on_disk: Vec<String> = walkdir::WalkDir::new(&theme)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&theme)
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("site");
    assert!(run(&["init", folder.to_str().unwrap()]).0);
    for file in &on_disk {
        let copied = fs::read(folder.join("themes/default").join(file))
            .unwrap_or_else(|_| panic!("init lacks {file}"));
        assert_eq!(
            copied,
            fs::read(theme.join(file)).unwrap(),
            "{file} differs"
        );
    }
}

#[test]
fn new_article_writes_a_dated_draft_that_builds() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("site");
    assert!(run(&["init", folder.to_str().unwrap()]).0);
    let root = folder.to_str().unwrap();
    let (ok, stdout, stderr) = run(&[
        "new",
        "article",
        "Über \"Service\" 2027",
        "--root",
        root,
        "--date",
        "2026-12-01",
    ]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("content/articles/ueber-service-2027.md"),
        "{stdout}"
    );
    let text = fs::read_to_string(folder.join("content/articles/ueber-service-2027.md")).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Über \\\"Service\\\" 2027\"\ndate: 2026-12-01\n"),
        "{text}"
    );
    // A title in another script gives an address the build takes: Latin letters, not Cyrillic
    // ones the article's address check refuses.
    let (ok, stdout, stderr) = run(&["new", "article", "Итоги 2026 года", "--root", root]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("content/articles/itogi-2026-goda.md"),
        "{stdout}"
    );
    let (ok, _, stderr) = run(&["check", "--root", root, "--drafts"]);
    assert!(ok, "{stderr}");
    let (ok, _, stderr) = run(&["new", "article", "Über \"Service\" 2027", "--root", root]);
    assert!(!ok && stderr.contains("already exists"), "{stderr}");
}

/// `init --languages ru,en` (issue 37, item 4): before, init always made an en/de site, and its
/// English placeholder text was then taken for Russian.
#[test]
fn init_makes_a_site_in_exactly_the_languages_asked_for() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("reiting");
    let (ok, stdout, stderr) = run(&["init", folder.to_str().unwrap(), "--languages", "ru,en"]);
    assert!(ok, "{stderr}");
    // What init says comes in the new site's first language.
    assert!(stdout.starts_with("Новый сайт создан в "), "{stdout}");
    assert!(
        stdout.contains("\nДальше:\n  1. Положите свои данные в "),
        "{stdout}"
    );
    let site = fs::read_to_string(folder.join("data/site.yaml")).unwrap();
    assert!(site.contains("languages: [ru, en]\n"), "{site}");
    assert!(
        site.contains("title: {ru: \"Лучшие сервисные компании\", en: \"Best Service Providers\"}"),
        "{site}"
    );
    // Russian first, unsuffixed; English beside it; no German or other language anywhere in the
    // site's own files (the theme keeps its interface strings for all 21).
    let home = fs::read_to_string(folder.join("content/_index.md")).unwrap();
    assert!(
        home.starts_with("---\ntitle: \"Добро пожаловать\"\n---\nЭто ваш новый сайт"),
        "{home}"
    );
    assert!(folder.join("content/_index.en.md").is_file());
    assert!(folder.join("content/articles/how-we-rank.en.md").is_file());
    let own: Vec<String> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&folder)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| p.starts_with("data/") || p.starts_with("content/"))
        .collect();
    for path in &own {
        let text = fs::read_to_string(folder.join(path)).unwrap();
        assert!(!path.contains(".de."), "{path}");
        assert!(
            !text.contains("de: ") && !text.contains("Kunden"),
            "German in {path}:\n{text}"
        );
    }
    let methodology = fs::read_to_string(folder.join("data/methodology.yaml")).unwrap();
    assert!(
        methodology.contains("name: {ru: \"Опрос клиентов\", en: \"Customer survey\"}"),
        "{methodology}"
    );
    // It builds without a warning; the root is Russian, /en/ English.
    let root = folder.to_str().unwrap();
    let (ok, stdout, stderr) = run(&["check", "--root", root]);
    assert!(ok, "{stderr}");
    // (Said in Russian, the site's first language.)
    assert!(stdout.contains("ошибки: 0 · предупреждения: 0"), "{stdout}");
    assert!(run(&["build", "--root", root]).0);
    let index = fs::read_to_string(folder.join("public/index.html")).unwrap();
    assert!(index.contains("<html lang=\"ru\""), "{}", &index[..200]);
    assert!(index.contains("<h2>Добро пожаловать</h2>"));
    let english = fs::read_to_string(folder.join("public/en/index.html")).unwrap();
    assert!(english.contains("<h2>Welcome</h2>"));
    assert!(!folder.join("public/de").exists());
    // And `new article` answers in Russian too.
    let (ok, stdout, stderr) = run(&["new", "article", "Итоги года", "--root", root]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with("Создан content/articles/itogi-goda.md (черновик"),
        "{stdout}"
    );
}

#[test]
fn every_language_of_the_theme_has_starter_texts_and_an_unknown_one_is_refused() {
    // Each of the theme's 21 languages alone makes a site that checks clean.
    let mut languages: Vec<String> =
        fs::read_dir(crate::support::repo_root().join("themes/default/i18n"))
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".yaml")
                    .to_string()
            })
            .collect();
    assert_eq!(languages.len(), 21);
    languages.sort();
    let parent = tempfile::tempdir().unwrap();
    let all = languages.join(",");
    let folder = parent.path().join("all");
    let (ok, _, stderr) = run(&["init", folder.to_str().unwrap(), "--languages", &all]);
    assert!(ok, "{stderr}");
    let (ok, stdout, stderr) = run(&["check", "--root", folder.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    // (Said in the site's first language, the first of the theme's: Arabic.)
    assert!(stdout.contains("الأخطاء: 0 "), "{stdout}");
    // The only warnings are the machine's: share cards in scripts DejaVu Sans lacks (Chinese,
    // Japanese, Korean), drawn with a system font or, where none has them, with boxes. They
    // are said in Arabic too ("صور المشاركة": share cards).
    assert!(!stderr.contains("warning:"), "{stderr}");
    for warning in stderr.lines().filter(|l| l.starts_with("تحذير:")) {
        assert!(
            warning.contains("صور المشاركة") || warning.contains("صور مشاركة"),
            "{warning}"
        );
    }
    // An unknown code: an error naming the known ones, in the first language asked for, and
    // nothing written.
    let folder = parent.path().join("unknown");
    let (ok, _, stderr) = run(&["init", folder.to_str().unwrap(), "--languages", "ru,xx"]);
    assert!(!ok);
    assert!(
        stderr.contains("ошибка: нет начальных текстов для языка `xx`; init знает ar, be,"),
        "{stderr}"
    );
    assert!(!folder.exists());
    let (ok, _, stderr) = run(&["init", folder.to_str().unwrap(), "--languages", "xx,ru"]);
    assert!(!ok);
    assert!(
        stderr.contains("error: no starter texts for language `xx`; init knows ar, be,"),
        "{stderr}"
    );
    let (ok, _, stderr) = run(&["init", folder.to_str().unwrap(), "--languages", "en,en"]);
    assert!(!ok);
    assert!(stderr.contains("`en` is listed twice"), "{stderr}");
}

/// What `build` and `check` say comes in the site's first language, numbers written its way;
/// a failed build too. A site whose settings cannot be read gets English.
#[test]
fn build_and_check_speak_the_sites_first_language() {
    let site = crate::support::SITE.replace("languages: [en, de]", "languages: [ru, en]");
    let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
    let root = fixture.root().to_str().unwrap().to_string();
    let out = fixture.root().join("public");
    let (ok, stdout, stderr) = run(&["build", "--root", &root, "--out", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("Сайт собран в "), "{stdout}");
    assert!(
        stdout.contains(" · страницы: ") && stdout.contains(" мс"),
        "{stdout}"
    );
    let (ok, stdout, stderr) = run(&["check", "--root", &root]);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("Проверено · страницы: "), "{stdout}");
    assert!(
        stdout.contains(" · ошибки: 0 · предупреждения: "),
        "{stdout}"
    );

    // A failed build says so in Russian (the diagnostics stay as they are); with settings that
    // cannot be read, in English.
    let failed_build = |file: &str, text: &str| {
        fs::write(fixture.root().join(file), text).unwrap();
        let (ok, _, stderr) = run(&["build", "--root", &root, "--out", out.to_str().unwrap()]);
        assert!(!ok);
        stderr
    };
    let stderr = failed_build("data/companies.yaml", "- {id: alpha, name: [}\n");
    assert!(
        stderr.contains("Сборка не удалась · ошибки: 1 · предупреждения: 2. Ничего не записано."),
        "{stderr}"
    );
    let stderr = failed_build("data/site.yaml", "languages: [ru, en\n");
    assert!(stderr.contains("Build failed: "), "{stderr}");
}

/// The problems a research team's CSV has are said in the site's first language where the
/// theme has their words (Russian), each wholly: the labels, the message, what was expected and
/// the hint. A problem the theme has no Russian words for stays wholly English, and an English
/// site reads as before.
#[test]
fn a_spreadsheets_problems_are_said_in_the_sites_first_language() {
    let csv = "Компания;Ответы;speed;care;standards\n\
               alpha;100;5;4;2\n\
               Omega Bank;100;5;4;2\n\
               beta;100;abc;4;2\n\
               gamma;100;5;9;2\n";
    let edition = "year: 2026\npublished: 2026-06-15\n";
    let failed = |languages: &str, extra: &[(&str, &str)]| {
        let site = crate::support::SITE.replace("languages: [en, de]", languages);
        let mut files = vec![
            ("data/site.yaml", site.as_str()),
            ("data/editions/2026.yaml", edition),
            ("data/editions/2026.csv", csv),
        ];
        files.extend_from_slice(extra);
        let fixture = Fixture::with_theme(&files);
        let root = fixture.root().to_str().unwrap().to_string();
        let out = fixture.root().join("public");
        let (ok, _, stderr) = run(&["build", "--root", &root, "--out", out.to_str().unwrap()]);
        assert!(!ok, "{stderr}");
        stderr
    };

    // The header first: a word of a column's heading gets the full heading as a hint.
    let stderr = failed("languages: [ru, en]", &[]);
    assert!(
        stderr.contains("ошибка: неизвестный столбец `Ответы`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("   = ожидается: заголовок из столбцов `company`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("   = подсказка: столбец `responses` называется `responses` или полным заголовком, например `Ответы клиентов`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("error:") && !stderr.contains("unknown column"),
        "{stderr}"
    );

    // With the header mended, the rows: a name that is no company's, text where a score
    // belongs, a score off the scale.
    // In Russian, then the same in English.
    let mended = csv.replace("Ответы;", "Ответы клиентов;");
    let reports = [
        (
            "languages: [ru, en]",
            &[
                "ошибка: неизвестная компания `Omega Bank`",
                "   = ожидается: id или название компании из data/companies.yaml",
                "ошибка: \"abc\" — не число",
                "   = ожидается: число от 1 до 5 или пустое значение, если оценки нет",
                "ошибка: 9 вне шкалы критерия `care`",
                "   = ожидается: число от 1 до 5",
                "Сборка не удалась · ошибки: 3",
            ][..],
        ),
        (
            "languages: [en, ru]",
            &[
                "error: unknown company `Omega Bank`",
                "   = expected: a company id, or a company's name, from data/companies.yaml",
                "error: \"abc\" is not a number",
                "error: 9 is outside the scale of `care`",
                "   = expected: a number from 1 to 5\n",
            ][..],
        ),
    ];
    for (languages, lines) in reports {
        let stderr = failed(languages, &[("data/editions/2026.csv", &mended)]);
        for said in lines {
            assert!(stderr.contains(said), "{said}\n{stderr}");
        }
    }

    // A template the theme engine cannot read: the frame and what was expected are Russian,
    // the engine's own account of the mistake stays in its English.
    let site = crate::support::SITE.replace("languages: [en, de]", "languages: [ru, en]");
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", site.as_str()),
        ("data/editions/2026.yaml", edition),
        ("data/editions/2026.csv", &mended),
    ]);
    crate::support::write(
        fixture.root(),
        "themes/default/templates/base.html",
        "{% if %}\n",
    );
    let root = fixture.root().to_str().unwrap().to_string();
    let (ok, _, stderr) = run(&["check", "--root", &root]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("ошибка: неизвестная компания `Omega Bank`"),
        "{stderr}"
    );
    let template = stderr
        .split("\n\n")
        .find(|problem| problem.contains("ошибка шаблона"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        template
            .trim_start()
            .starts_with("ошибка: ошибка шаблона: "),
        "{template}"
    );
    assert!(
        template.contains("   = ожидается: правильный синтаксис Tera"),
        "{template}"
    );
    assert!(!stderr.contains("error:"), "{stderr}");
}

/// What goes wrong outside the data is said in the site's first language too: an output folder
/// refused, a file that is no spreadsheet, an edition that ranks nobody (with the rule each
/// company fails), an article that exists; and `new` writes its placeholder in that language.
/// The same site in English reads as rankpress's own words.
#[test]
fn problems_outside_the_data_are_said_in_the_sites_first_language() {
    let report = |languages: &str| {
        let site = crate::support::SITE.replace("languages: [en, de]", languages);
        let fixture = Fixture::with_theme(&[
            ("data/site.yaml", &site),
            (
                "data/editions/2027.yaml",
                "year: 2027\npublished: 2027-06-15\n",
            ),
            ("data/editions/2027.xlsx", "company,responses\nalpha,100\n"),
            (
                "data/editions/2028.yaml",
                &crate::support::edition(
                    2028,
                    &[
                        crate::support::result("alpha", 12, "5", "4", "2"),
                        crate::support::result("beta", 20, "5", "4", "2"),
                    ],
                ),
            ),
        ]);
        let root = fixture.root().to_str().unwrap().to_string();
        let (ok, _, spreadsheet) = run(&["check", "--root", &root]);
        assert!(!ok, "{spreadsheet}");
        // The data read, the editions are scored: 2028 ranks nobody.
        for file in ["data/editions/2027.yaml", "data/editions/2027.xlsx"] {
            fs::remove_file(fixture.root().join(file)).unwrap();
        }
        let (ok, _, scored) = run(&["check", "--root", &root]);
        assert!(!ok, "{scored}");
        let into_data = fixture.root().join("data/out");
        let (ok, _, refused) = run(&[
            "build",
            "--root",
            &root,
            "--out",
            into_data.to_str().unwrap(),
        ]);
        assert!(!ok, "{refused}");
        let (ok, created, _) = run(&["new", "article", "Итоги года", "--root", &root]);
        assert!(ok, "{created}");
        let article =
            fs::read_to_string(fixture.root().join("content/articles/itogi-goda.md")).unwrap();
        let (ok, _, again) = run(&["new", "article", "Итоги года", "--root", &root]);
        assert!(!ok, "{again}");
        format!("{spreadsheet}\n{scored}\n{refused}\n{again}\n{article}")
    };
    let russian = report("languages: [ru, en]");
    crate::support::assert_says(
        &russian,
        &[
            "ошибка: файл — текст (переименованный CSV?), а не таблица .xlsx или .ods: дайте CSV-файлу расширение .csv\n  --> data/editions/2027.xlsx",
            "   = ожидается: файл .xlsx (Excel) или .ods (LibreOffice, OpenOffice): откройте файл и сохраните его заново",
            "ошибка: в выпуске 2028 нет ни одной компании в рейтинге: ни одна из его компаний (2) не проходит правила: не проходят min_responses 30: 2, максимум — 20",
            "   = подсказка: держите выпуск, результатов которого ещё нет, вне data/editions/",
            "ошибка: сайт не будет записан в ",
            "data/out: она находится внутри папки сайта data/",
            "ошибка: content/articles/itogi-goda.md уже существует; выберите другой заголовок или правьте этот файл",
            "Напишите статью здесь. Чтобы опубликовать её, удалите строку `draft: true`.",
        ],
    );
    assert!(!russian.contains("error:"), "{russian}");
    let english = report("languages: [en, ru]");
    crate::support::assert_says(
        &english,
        &[
            "error: the file is text (a CSV file renamed?), not an .xlsx or .ods spreadsheet",
            "error: no company is ranked in edition 2028: none of its 2 companies passes the rules: 2 fail min_responses 30, with 20 at most",
            "error: refusing to write the site into ",
            "data/out: it is inside the site's data/ folder",
            "error: content/articles/itogi-goda.md already exists",
            "Write the article here. Remove `draft: true` to publish it.",
        ],
    );
}

/// The command line's own words, before any command runs: `--help` and the usage errors clap
/// finds (an unknown option, a bad port, a misspelt command, a missing title), said in the
/// first language of the site `--root` names, `init`'s help in the first of its `--languages`;
/// an English site gets clap's words unchanged.
#[test]
fn help_and_usage_errors_are_said_in_the_sites_first_language() {
    let said = |languages: &str| {
        let site = crate::support::SITE.replace("languages: [en, de]", languages);
        let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
        let root = fixture.root().to_str().unwrap().to_string();
        let (ok, help, _) = run(&["build", "--root", &root, "--help"]);
        assert!(ok, "{help}");
        let mut report = help;
        for args in [
            vec!["build", "--root", &root, "--frob"],
            vec!["serve", "--root", &root, "--port", "abc"],
            vec!["biuld", "--root", &root],
            vec!["new", "article", "--root", &root],
            vec!["check", "--root", &root, "--drafts", "--drafts"],
        ] {
            let (ok, stdout, stderr) = run(&args);
            assert!(!ok && stdout.is_empty(), "{args:?}: {stdout}");
            report.push_str(&stderr);
        }
        report
    };
    let russian = said("languages: [ru, en]");
    crate::support::assert_says(
        &russian,
        &[
            "Собрать сайт в папку обычных файлов\n\nИспользование: rankpress build [OPTIONS]\n\nПараметры:\n",
            "Папка сайта (с data/, content/, themes/) [по умолчанию: .]",
            "Куда записать сайт; относительный путь отсчитывается от папки сайта [по умолчанию: public]",
            "-h, --help                 Показать справку",
            "ошибка: неизвестный аргумент `--frob`\n\nИспользование: rankpress build --root <ROOT>\n\nПодробнее: `--help`.",
            "ошибка: недопустимое значение `abc` для `--port <PORT>`\n  = ожидается: номер порта от 0 до 65535",
            "ошибка: неизвестная команда `biuld`\n  = подсказка: возможно, имелось в виду `build`?",
            "ошибка: не указаны обязательные аргументы: `<TITLE>`",
            "ошибка: `--drafts` указан больше одного раза",
        ],
    );
    for english in [
        "Usage:",
        "Options:",
        "Print help",
        "error:",
        "unexpected",
        "tip:",
    ] {
        assert!(!russian.contains(english), "{english}\n{russian}");
    }
    let english = said("languages: [en, ru]");
    crate::support::assert_says(
        &english,
        &[
            "Build the site into a folder of plain files\n\nUsage: rankpress build [OPTIONS]\n\nOptions:\n",
            "The site folder (holding data/, content/, themes/) [default: .]",
            "error: unexpected argument '--frob' found",
            "error: invalid value 'abc' for '--port <PORT>'",
            "tip: a similar subcommand exists: 'build'",
        ],
    );
    let (ok, help, _) = run(&["init", "--languages", "ja,en", "--help"]);
    assert!(ok, "{help}");
    crate::support::assert_says(
        &help,
        &[
            "小さな動作例つきの新しいサイトを作る",
            "使い方: rankpress init",
        ],
    );
}

/// What `build --verbose` notes (a file skipped as an editor's backup, the hosts that take the
/// site) and what a refused output folder names (a link planted in it) are said in the site's
/// first language, as the rest of the report.
#[test]
fn verbose_notes_and_planted_entries_are_said_in_the_sites_first_language() {
    let site = crate::support::SITE.replace("languages: [en, de]", "languages: [ru, en]");
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/editions/2025.yaml~", "an editor's backup"),
    ]);
    let root = fixture.root().to_str().unwrap().to_string();
    let out = fixture.root().join("public");
    let (ok, _, verbose) = run(&["build", "--verbose", "--root", &root]);
    assert!(ok, "{verbose}");
    std::os::unix::fs::symlink("/tmp", out.join("planted")).unwrap();
    let (ok, _, refused) = run(&["build", "--root", &root]);
    assert!(!ok, "{refused}");
    crate::support::assert_says(
        &format!("{verbose}{refused}"),
        &[
            "примечание: пропущен data/editions/2025.yaml~: файл блокировки, резервная копия или временный файл редактора",
            "хостинги, которые примут сайт как есть: github-pages, cloudflare-pages, cloudflare-pages-paid, gitlab-pages, netlify",
            "planted (символическая ссылка)",
        ],
    );
    assert!(
        !verbose.contains("note:") && !refused.contains("symbolic"),
        "{verbose}{refused}"
    );
}

/// What `check` reports for a site of the test theme with `files`, where it must find a problem.
fn failed_check(files: &[(&str, &str)]) -> String {
    let fixture = Fixture::with_theme(files);
    let root = fixture.root().to_str().unwrap().to_string();
    let (ok, _, stderr) = run(&["check", "--root", &root]);
    assert!(!ok, "{stderr}");
    stderr
}

/// Values an editor writes as text that YAML reads as something else: a name in quotes with
/// more after the closing quote, one in Markdown's `*emphasis*` (an alias to YAML), one starting
/// with `!` (a tag). Each gets the value quoted as the fix, in the site's first language; the
/// parser's own words stay for an English site.
#[test]
fn values_yaml_reads_as_something_else_get_the_quoted_fix() {
    let report = |languages: &str| {
        let site = crate::support::SITE
            .replace("languages: [en, de]", languages)
            .replace("title: Test Ranking", "title: !Test Ranking");
        failed_check(&[
            ("data/site.yaml", &site),
            (
                "data/companies.yaml",
                "- id: alpha\n  name: *Alpha* Bank\n  sector: banks\n",
            ),
            (
                "data/sectors.yaml",
                "- id: banks\n  name: \"Banks\" and more\n- id: travel\n  name: Travel\n",
            ),
        ])
    };
    let russian = report("languages: [ru, en]");
    crate::support::assert_says(
        &russian,
        &[
            "ошибка: значение начинается с `*` или `&`, которые YAML читает как ссылку или якорь: такой текст нужно взять в кавычки\n  --> data/companies.yaml:2:",
            "   = подсказка: возьмите значение в кавычки: `name: \"*Alpha* Bank\"`",
            "  --> data/sectors.yaml:2:",
            "   = подсказка: возьмите значение в кавычки: `name: '\"Banks\" and more'`",
            "ошибка: значение не того вида: значение с тегом `!`",
            "   = подсказка: возьмите значение в кавычки: `title: \"!Test Ranking\"`",
        ],
    );
    assert!(!russian.contains("error:"), "{russian}");
    let english = report("languages: [en, ru]");
    crate::support::assert_says(
        &english,
        &[
            "error: did not find expected alphabetic or numeric character\n  --> data/companies.yaml:2:",
            "   = help: write the value in quotes: `name: \"*Alpha* Bank\"`",
            "   = help: write the value in quotes: `name: '\"Banks\" and more'`",
            "   = help: write the value in quotes: `title: \"!Test Ranking\"`",
        ],
    );
}

/// The mistakes an editor makes in the YAML files are said in the site's first language too,
/// each with its hint: a value holding `: `, a key indented apart from its entry, a key the file
/// does not know, a list where a text belongs, an unknown sector, a base URL without its scheme.
/// The same site in English reads as rankpress has always written them.
#[test]
fn an_editors_yaml_mistakes_are_said_in_the_sites_first_language() {
    let report = |languages: &str| {
        let site = crate::support::SITE
            .replace("languages: [en, de]", languages)
            .replace("https://example.org/", "example.org/");
        failed_check(&[
            ("data/site.yaml", &site),
            (
                "data/companies.yaml",
                "- id: alpha\n  name: Alpha: Bank\n  sector: banks\n",
            ),
            (
                "data/sectors.yaml",
                "- id: banks\n  name: [Banks]\n- id: travel\n  name: Travel\n",
            ),
            (
                "data/methodology.yaml",
                &crate::support::METHODOLOGY.replacen("min_responses", "min_responzes", 1),
            ),
        ])
    };
    let russian = report("languages: [ru, en]");
    crate::support::assert_says(
        &russian,
        &[
            "ошибка: знак `:` там, где YAML не допускает ключа: значение, содержащее `: `, нужно взять в кавычки\n  --> data/companies.yaml:2:14",
            "   = подсказка: возьмите значение в кавычки: `name: \"Alpha: Bank\"`",
            "ошибка: значение не того вида: список; ожидается текст или словарь «код языка: текст»\n  --> data/sectors.yaml:2:9",
            "ошибка: неизвестный ключ `min_responzes`; здесь допустимы ключи `",
            "   = подсказка: возможно, имелось в виду `min_responses`?",
            "ошибка: `example.org/` не является абсолютным URL",
            "   = ожидается: абсолютный URL, например https://rankings.example.org/",
        ],
    );
    assert!(!russian.contains("error:"), "{russian}");

    // Every shipped language has these words: Japanese and Arabic too.
    let japanese = report("languages: [ja, en]");
    crate::support::assert_says(
        &japanese,
        &[
            "エラー: YAML がキーを認めない位置に `:` があります。`: ` を含む値は引用符で囲んでください",
            "   = ヒント: 値を引用符で囲んでください：`name: \"Alpha: Bank\"`",
            "エラー: `example.org/` は絶対 URL ではありません",
        ],
    );
    let arabic = report("languages: [ar, en]");
    assert!(
        arabic.contains("خطأ: نوع القيمة خاطئ: قائمة؛ المتوقع نص، أو خريطة من رمز اللغة إلى النص"),
        "{arabic}"
    );
    assert!(!japanese.contains("error:") && !arabic.contains("error:"));

    // A results row with a cell too few, and a command-line base URL that is not one.
    let site = crate::support::SITE.replace("languages: [en, de]", "languages: [ru, en]");
    let stderr = failed_check(&[
        ("data/site.yaml", &site),
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        (
            "data/editions/2026.csv",
            "company;responses;speed;care;standards\nalpha;100;5;4\n",
        ),
    ]);
    assert!(
        stderr.contains("ошибка: в этой строке ячеек: 4, а в заголовке: 5"),
        "{stderr}"
    );
    let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
    let root = fixture.root().to_str().unwrap().to_string();
    let (ok, _, stderr) = run(&["build", "--root", &root, "--base-url", "example.org"]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("ошибка: `example.org` не является абсолютным URL"),
        "{stderr}"
    );

    // A value a setting does not take, and a host rankpress does not know.
    for (setting, said) in [
        (
            "share_images: sometimes\n",
            "ошибка: неизвестное значение `sometimes`; здесь допустимы значения `",
        ),
        (
            "share_images: none\nhosting: github-pagez\n",
            "ошибка: неизвестный хостинг `github-pagez`",
        ),
    ] {
        let site = crate::support::SITE
            .replace("languages: [en, de]", "languages: [ru, en]")
            .replace("share_images: none\n", setting);
        let stderr = failed_check(&[("data/site.yaml", &site)]);
        assert!(stderr.contains(said), "{said}\n{stderr}");
    }

    let english = report("languages: [en, ru]");
    crate::support::assert_says(
        &english,
        &[
            "error: mapping values are not allowed in this context\n  --> data/companies.yaml:2:14",
            "   = help: write the value in quotes: `name: \"Alpha: Bank\"`",
            "error: invalid type: sequence, expected a text, or a map from language code to text",
            "error: unknown field `min_responzes`, expected one of `",
            "   = help: did you mean `min_responses`?",
            "error: `example.org/` is not an absolute URL",
        ],
    );
}

/// An editor's mistakes in commentary are said in the site's first language too: a date that is
/// none, a ranking of an edition that does not exist, a link to a company misspelt, a chart
/// rankpress does not draw, an article without its title. English reads as before.
#[test]
fn an_editors_commentary_mistakes_are_said_in_the_sites_first_language() {
    let report = |languages: &str| {
        let site = crate::support::SITE.replace("languages: [en, de]", languages);
        failed_check(&[
            ("data/site.yaml", &site),
            (
                "content/articles/results.md",
                "---\ntitle: Results\ndate: 2026-13-01\n---\nText.\n",
            ),
            (
                "content/articles/review.md",
                "---\ntitle: Review\ndate: 2026-06-01\n---\nSee [[company:alpah]].\n\n{{ ranking 2031 }}\n\n{{ chart sectorz 2026 }}\n",
            ),
            (
                "content/articles/notes.md",
                "---\ndate: 2026-06-01\n---\nText.\n",
            ),
        ])
    };
    let russian = report("languages: [ru, en]");
    crate::support::assert_says(
        &russian,
        &[
            "ошибка: `2026-13-01` — не дата\n  --> content/articles/results.md:3:7",
            "   = ожидается: дата ISO ГГГГ-ММ-ДД, например 2026-06-15",
            "ошибка: неизвестная компания `alpah`",
            "   = подсказка: возможно, имелось в виду `alpha`?",
            "ошибка: нет выпуска `2031`",
            "ошибка: неизвестная диаграмма `sectorz` или неверные аргументы",
            "   = ожидается: одна из форм: {{ ranking YEAR [sector=ID] [top=N] }}, ",
            "ошибка: статье нужен `title` в блоке метаданных",
            "   = ожидается: блок метаданных, например:\n",
        ],
    );
    assert!(!russian.contains("error:"), "{russian}");

    let japanese = report("languages: [ja, en]");
    assert!(
        japanese.contains("エラー: 記事のフロントマターには `title` が必要です"),
        "{japanese}"
    );
    assert!(!japanese.contains("error:"), "{japanese}");

    let english = report("languages: [en, ru]");
    crate::support::assert_says(
        &english,
        &[
            "error: `2026-13-01` is not a date",
            "error: unknown company `alpah`",
            "error: no edition `2031`",
            "error: unknown chart `sectorz` or wrong arguments",
            "error: an article needs a `title` in its front matter",
        ],
    );
}

/// The warnings a multilingual publisher meets most, about texts without a version in a site
/// language and texts in a language the site does not publish in, are said in the site's first
/// language too, their count included.
#[test]
fn warnings_about_languages_are_said_in_the_sites_first_language() {
    let site = crate::support::SITE.replace("languages: [en, de]", "languages: [ru, en]");
    let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
    let root = fixture.root().to_str().unwrap().to_string();
    let out = fixture.root().join("public");
    let (ok, _, stderr) = run(&["build", "--root", &root, "--out", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    // The fixture gives two texts in English and German only ("Customers", "Travel").
    crate::support::assert_says(
        &stderr,
        &[
            "предупреждение: тексты без версии `ru`: 2; на страницах `ru` вместо них показан текст `en`",
            "   = ожидается: запись `ru:` в каждом тексте, заданном по языкам, например `name: {ru: …, en: …}`",
            "   = подсказка: это первый из 2; текст, записанный простой строкой, одинаков на всех языках",
            "предупреждение: язык `de` не входит в языки сайта; тексты на нём не используются: 2",
            "   = ожидается: один из языков сайта: ru, en",
            "   = подсказка: это первый из 2; чтобы опубликовать их, добавьте `de` в `languages`",
        ],
    );
    assert!(!stderr.contains("warning:"), "{stderr}");
}
