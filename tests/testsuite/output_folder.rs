//! The output folder never loses data (issue 11, items 1 to 6): whatever `--out` says and
//! wherever links point, rankpress deletes only what it wrote, swaps atomically, and lets one
//! build at a time write a folder.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output};

use crate::support::{Fixture, snapshot};

const BINARY: &str = env!("CARGO_BIN_EXE_rankpress");

fn site() -> Fixture {
    Fixture::with_theme(&[("data/site.yaml", crate::support::SITE)])
}

fn build_in(cwd: &Path, root: &Path, extra: &[&str]) -> Output {
    Command::new(BINARY)
        .current_dir(cwd)
        .args(["build", "--root"])
        .arg(root)
        .args(extra)
        .output()
        .expect("run rankpress")
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).to_string()
}

/// A folder of someone else's files.
fn foreign_folder(path: &Path) {
    fs::create_dir_all(path.join("sub")).unwrap();
    fs::write(path.join("mine.txt"), "mine").unwrap();
    fs::write(path.join("sub/also-mine.txt"), "mine too").unwrap();
}

#[test]
fn out_with_parent_steps_through_a_missing_folder_never_replaces_the_sources() {
    let fixture = site();
    let root = fixture.root();
    let data_before = snapshot(&root.join("data"));
    // `public/` does not exist: `public/../data` is the site's data folder.
    let run = build_in(root, root, &["--out", "public/../data"]);
    assert!(!run.status.success(), "must be refused");
    assert!(
        stderr(&run).contains("inside the site's data/ folder"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        snapshot(&root.join("data")),
        data_before,
        "data/ is untouched"
    );
    assert!(
        !root.join("public").exists(),
        "nothing was created on the way"
    );

    // The same trick towards a folder rankpress did not write: refused without --force.
    let elsewhere = tempfile::tempdir().unwrap();
    let foreign = elsewhere.path().join("foreign");
    foreign_folder(&foreign);
    let sneaky = elsewhere.path().join("missing/../foreign");
    let run = build_in(root, root, &["--out", sneaky.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("not written by rankpress"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        fs::read_to_string(foreign.join("mine.txt")).unwrap(),
        "mine"
    );

    // And it does not get past the home-folder refusal with --force.
    let home = elsewhere.path().join("home");
    foreign_folder(&home);
    let run = Command::new(BINARY)
        .env("HOME", &home)
        .args(["build", "--force", "--root"])
        .arg(root)
        .arg("--out")
        .arg(home.join("missing/.."))
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(stderr(&run).contains("home folder"), "{}", stderr(&run));
    assert!(home.join("sub/also-mine.txt").is_file());
    // A folder holding the home folder is refused too.
    let run = Command::new(BINARY)
        .env("HOME", &home)
        .args(["build", "--force", "--root"])
        .arg(root)
        .arg("--out")
        .arg(elsewhere.path())
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("contains the home folder"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_symbolic_link_as_the_output_folder_is_written_through_and_never_emptied() {
    let fixture = site();
    let root = fixture.root();
    let srv = tempfile::tempdir().unwrap();
    let www = srv.path().join("www");
    let first = build_in(root, root, &["--out", www.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    let link = root.join("public");
    symlink(&www, &link).unwrap();

    // A file of the user's own under a subfolder of the target: the build is refused and
    // nothing inside the link's target is deleted.
    fs::write(www.join("2026/deploy-notes.txt"), "mine").unwrap();
    let before = snapshot(&www);
    let run = build_in(root, root, &[]);
    assert!(
        !run.status.success(),
        "a folder with a foreign file is refused"
    );
    assert!(
        stderr(&run).contains("2026/deploy-notes.txt"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        snapshot(&www),
        before,
        "nothing in the link's target changed"
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // Without the foreign file, the build writes through the link: the link stays a link.
    fs::remove_file(www.join("2026/deploy-notes.txt")).unwrap();
    fs::write(
        root.join("data/site.yaml"),
        crate::support::SITE
            .to_string()
            .replace("Test Ranking", "Renamed"),
    )
    .unwrap();
    let run = build_in(root, root, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(www.join("index.html"))
            .unwrap()
            .contains("Renamed")
    );
    assert!(
        fs::read_to_string(link.join("index.html"))
            .unwrap()
            .contains("Renamed")
    );
    // No staging or lock left in the site folder by the link: they sit beside the target.
    assert!(!root.join(".public.rankpress-lock").exists());
}

#[test]
fn files_a_user_added_to_the_output_are_named_and_kept_unless_forced() {
    let fixture = site();
    let root = fixture.root();
    let first = build_in(root, root, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let public = root.join("public");
    fs::write(public.join("notes.txt"), "mine").unwrap();
    fs::create_dir_all(public.join(".git/objects")).unwrap();
    fs::write(public.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();

    let refused = build_in(root, root, &[]);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(
        message.contains("notes.txt") && message.contains(".git/HEAD"),
        "{message}"
    );
    assert!(message.contains("--force"), "{message}");
    assert!(public.join("notes.txt").is_file() && public.join(".git/HEAD").is_file());

    let forced = build_in(root, root, &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    let warning = stderr(&forced);
    assert!(
        warning.contains("warning") && warning.contains("notes.txt"),
        "{warning}"
    );
    assert!(!public.join("notes.txt").exists());
    // Now the folder is all rankpress's again, and is replaced without a word.
    let again = build_in(root, root, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!stderr(&again).contains("warning"), "{}", stderr(&again));
}

#[test]
fn the_swap_of_old_and_new_output_is_one_atomic_exchange() {
    let fixture = site();
    let root = fixture.root();
    assert!(build_in(root, root, &[]).status.success());
    let public = root.join("public");
    // Watch the output while builds replace it: it exists at every moment.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let stop = stop.clone();
        let public = public.clone();
        std::thread::spawn(move || {
            let mut missing = 0usize;
            let mut looks = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                looks += 1;
                if fs::symlink_metadata(public.join("index.html")).is_err() {
                    missing += 1;
                }
            }
            (missing, looks)
        })
    };
    for _ in 0..8 {
        let run = build_in(root, root, &[]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (missing, looks) = watcher.join().unwrap();
    assert!(looks > 100, "the watcher ran");
    assert_eq!(
        missing, 0,
        "the site was missing in {missing} of {looks} looks"
    );
    // Nothing is left beside the output but the lock file and the spare (no staging folder).
    let leftovers: Vec<String> = fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| {
            n.contains("rankpress")
                && n != ".public.rankpress-lock"
                && n != ".public.rankpress-spare"
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_build_into_a_locked_output_fails_with_a_clear_message() {
    let fixture = site();
    let root = fixture.root();
    assert!(build_in(root, root, &[]).status.success());
    let before = snapshot(&root.join("public"));
    // Another build holds the lock of public/.
    let lock = fs::OpenOptions::new()
        .write(true)
        .open(root.join(".public.rankpress-lock"))
        .expect("the build leaves its lock file beside the output");
    lock.try_lock().expect("no build is running");
    fs::write(
        root.join("data/site.yaml"),
        crate::support::SITE
            .to_string()
            .replace("Test Ranking", "Second"),
    )
    .unwrap();
    let run = build_in(root, root, &[]);
    assert!(!run.status.success(), "the second build must not write");
    assert!(
        stderr(&run).contains("another rankpress build is writing"),
        "{}",
        stderr(&run)
    );
    assert_eq!(snapshot(&root.join("public")), before);
    drop(lock);
    let run = build_in(root, root, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn out_naming_a_file_is_refused_even_with_force_and_leaves_nothing_behind() {
    let fixture = site();
    let root = fixture.root();
    let place = tempfile::tempdir().unwrap();
    let file = place.path().join("report.pdf");
    fs::write(&file, "not a folder").unwrap();
    let run = build_in(root, root, &["--force", "--out", file.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("is a file, not a folder"),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "not a folder");
    let names: Vec<String> = fs::read_dir(place.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(
        names,
        vec!["report.pdf".to_string()],
        "no staging folder left"
    );
}

#[test]
fn the_marker_lists_every_file_the_build_wrote() {
    let fixture = site();
    let root = fixture.root();
    let public = root.join("public");
    // Cold, then with precompressed files, then over spares that hold them and that do not.
    for (build, extra) in [&[][..], &["--precompress"], &[], &[], &["--precompress"]]
        .iter()
        .enumerate()
    {
        assert!(build_in(root, root, extra).status.success());
        let marker = fs::read_to_string(public.join(".rankpress-output")).unwrap();
        let listed: Vec<&str> = marker.lines().skip(1).collect();
        let mut written: Vec<String> = snapshot(&public)
            .into_keys()
            .filter(|name| name != ".rankpress-output")
            .collect();
        written.sort();
        assert_eq!(listed, written, "build {build} {extra:?}");
        assert_eq!(
            written.iter().any(|name| name.ends_with(".html.gz")),
            !extra.is_empty(),
            "build {build} {extra:?}"
        );
    }
}

#[test]
fn a_folder_written_by_rankpress_0_1_without_a_file_list_is_replaced_only_with_force() {
    let fixture = site();
    let root = fixture.root();
    let public = root.join("public");
    fs::create_dir_all(public.join("2026")).unwrap();
    fs::write(
        public.join(".rankpress-output"),
        "This folder was written by rankpress.\n",
    )
    .unwrap();
    fs::write(public.join("index.html"), "old").unwrap();
    fs::write(public.join("2026/mine.txt"), "mine").unwrap();
    let run = build_in(root, root, &[]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("older rankpress"), "{}", stderr(&run));
    assert!(public.join("2026/mine.txt").is_file());
    let forced = build_in(root, root, &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        stderr(&forced).contains("2026/mine.txt"),
        "the forced deletion is named"
    );
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_gives_the_tree_of_a_cold_build() {
    use std::os::unix::fs::MetadataExt;
    let fixture = site();
    let root = fixture.root();
    let out = root.join("public");
    assert!(build_in(root, root, &[]).status.success());
    let identity = |path: &str| {
        let metadata = fs::metadata(out.join(path)).unwrap();
        (metadata.ino(), metadata.mtime_nsec(), metadata.mtime())
    };
    let methodology = identity("methodology/index.html");
    let company = identity("companies/alpha/index.html");
    // An editor adds commentary to one company and rebuilds into the same folder.
    crate::support::write(
        root,
        "content/companies/alpha.md",
        "Alpha answers every letter.\n",
    );
    assert!(build_in(root, root, &[]).status.success());
    let cold = root.join("cold");
    assert!(build_in(root, root, &["--out", "cold"]).status.success());
    assert_eq!(
        snapshot(&out),
        snapshot(&cold),
        "warm and cold trees differ"
    );
    // The page that did not change is the very same file, timestamp and all; the company's
    // page is new.
    assert_eq!(identity("methodology/index.html"), methodology);
    assert_ne!(identity("companies/alpha/index.html"), company);
    assert!(
        fs::read_to_string(out.join("companies/alpha/index.html"))
            .unwrap()
            .contains("Alpha answers every letter.")
    );
    // A third build with no change takes over every file.
    let before = snapshot(&out);
    let alpha = identity("companies/alpha/index.html");
    assert!(build_in(root, root, &[]).status.success());
    assert_eq!(snapshot(&out), before);
    assert_eq!(identity("companies/alpha/index.html"), alpha);
}

/// From the third build on, the build before the previous one is written over instead of an
/// empty folder (output.rs, rule 6): the result is still the tree of a cold build, files the
/// site no longer has are gone, the live output is never touched before the swap, and a spare
/// holding anything rankpress did not write is left alone.
#[test]
fn rebuilds_write_over_the_spare_and_still_give_the_tree_of_a_cold_build() {
    use std::os::unix::fs::MetadataExt;
    let fixture = site();
    let root = fixture.root();
    let out = root.join("public");
    let spare = root.join(".public.rankpress-spare");
    let cold = root.join("cold");
    let same_as_cold = || {
        assert!(build_in(root, root, &["--out", "cold"]).status.success());
        assert_eq!(
            snapshot(&out),
            snapshot(&cold),
            "warm and cold trees differ"
        );
    };
    let article = "---\ntitle: Autumn notes\ndate: 2026-10-01\n---\nA short note.\n";
    crate::support::write(root, "content/articles/autumn.md", article);
    assert!(build_in(root, root, &[]).status.success());
    assert!(!spare.exists(), "a first build has no spare");
    crate::support::write(root, "content/companies/alpha.md", "Alpha answers.\n");
    assert!(build_in(root, root, &[]).status.success());
    assert!(
        spare.join(".rankpress-output").exists(),
        "the first build's tree is the spare"
    );
    let methodology = fs::metadata(out.join("methodology/index.html"))
        .unwrap()
        .ino();
    // Alpha's text changes; the third build writes over the first build's tree.
    crate::support::write(
        root,
        "content/companies/alpha.md",
        "Alpha answers at once.\n",
    );
    assert!(build_in(root, root, &[]).status.success());
    same_as_cold();
    assert_eq!(
        fs::metadata(out.join("methodology/index.html"))
            .unwrap()
            .ino(),
        methodology,
        "an unchanged page is the same file"
    );
    // The tree that was live before the third build, now the spare, was never written into:
    // it still shows the second build's text.
    assert!(
        fs::read_to_string(spare.join("companies/alpha/index.html"))
            .unwrap()
            .contains("Alpha answers.")
    );
    // The article goes: its page, which the spare still has, is not in the new tree.
    fs::remove_file(root.join("content/articles/autumn.md")).unwrap();
    assert!(spare.join("articles/autumn/index.html").exists());
    assert!(build_in(root, root, &[]).status.success());
    assert!(!out.join("articles/autumn/index.html").exists());
    same_as_cold();
    // A file someone put into the spare: the spare is not used, and the file stays.
    fs::write(spare.join("mine.txt"), "keep me").unwrap();
    assert!(build_in(root, root, &[]).status.success());
    assert_eq!(
        fs::read_to_string(spare.join("mine.txt")).unwrap(),
        "keep me"
    );
    same_as_cold();
}

/// A site with more folders than the process may hold files open builds all the same: the
/// output keeps a bounded number of folder handles (before, a 10,000-company site in two
/// languages failed with "Too many open files" under a limit of 20,000).
#[test]
fn a_site_with_more_folders_than_open_files_allowed_builds() {
    let companies: String = (0..600)
        .map(|i| format!("- {{id: c{i}, name: Company {i}, sector: banks}}\n"))
        .collect();
    let results: Vec<String> = (0..600)
        .map(|i| crate::support::result(&format!("c{i}"), 40 + i % 50, "4", "3.5", "2"))
        .collect();
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", crate::support::SITE),
        ("data/companies.yaml", &companies),
        (
            "data/editions/2026.yaml",
            &crate::support::edition(2026, &results),
        ),
    ]);
    let root = fixture.root();
    let run = Command::new("sh")
        .args([
            "-c",
            "ulimit -n 256 && exec \"$0\" \"$@\"",
            BINARY,
            "build",
            "--root",
        ])
        .arg(root)
        .output()
        .expect("run rankpress");
    assert!(run.status.success(), "{}", stderr(&run));
    let pages = fs::read_dir(root.join("public/companies")).unwrap().count();
    assert_eq!(pages, 600, "a page per company");
    assert!(root.join("public/companies/c599/index.html").is_file());
}
