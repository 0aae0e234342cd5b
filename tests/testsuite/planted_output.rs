//! A hostile previous output (issue 33, items 10 to 14): links, hard links, FIFOs and devices
//! planted in the output, its spare, their markers and the lock file. Whatever is planted,
//! nothing outside the output changes (a sentinel tree's hashes are compared), no build hangs,
//! and a successful build leaves the tree of a cold build.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Fixture, snapshot};

const BINARY: &str = env!("CARGO_BIN_EXE_rankpress");

/// A build of `root` into `root/public`; fails the test if it runs for more than a minute.
fn build(root: &Path, extra: &[&str]) -> (bool, String) {
    let mut child = Command::new(BINARY)
        .current_dir(root)
        .args(["build", "--root", "."])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return (status.success(), stderr);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the build hung with {extra:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Everything under `folder` with its kind and bytes, links and all, never followed.
fn sentinel_state(folder: &Path) -> BTreeMap<PathBuf, String> {
    walkdir::WalkDir::new(folder)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| {
            let kind = entry.file_type();
            let state = if kind.is_symlink() {
                format!("link to {:?}", fs::read_link(entry.path()).unwrap())
            } else if kind.is_file() {
                format!("file {:?}", fs::read(entry.path()).unwrap())
            } else {
                "folder".to_string()
            };
            (entry.path().to_path_buf(), state)
        })
        .collect()
}

/// A site with a previous output and a spare, and a sentinel tree outside it.
struct Planted {
    fixture: Fixture,
    outside: tempfile::TempDir,
}

impl Planted {
    fn new(precompress: bool) -> Planted {
        let fixture = Fixture::with_theme(&[]);
        let extra: &[&str] = if precompress { &["--precompress"] } else { &[] };
        for _ in 0..2 {
            let (ok, stderr) = build(fixture.root(), extra);
            assert!(ok, "{stderr}");
        }
        assert!(fixture.root().join(".public.rankpress-spare").is_dir());
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir_all(outside.path().join("assets")).unwrap();
        fs::write(
            outside.path().join("assets/style.css"),
            "/* the user's own */",
        )
        .unwrap();
        fs::write(outside.path().join("target.txt"), "precious").unwrap();
        Planted { fixture, outside }
    }

    fn root(&self) -> &Path {
        self.fixture.root()
    }

    fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    fn spare(&self) -> PathBuf {
        self.root().join(".public.rankpress-spare")
    }

    fn target(&self) -> PathBuf {
        self.outside.path().join("target.txt")
    }

    /// Builds with `extra`, and checks that nothing outside changed and, when the build
    /// succeeded, that the output is the tree of a cold build.
    fn build_checked(&self, what: &str, extra: &[&str]) -> (bool, String) {
        let before = sentinel_state(self.outside.path());
        let (ok, stderr) = build(self.root(), extra);
        assert_eq!(
            sentinel_state(self.outside.path()),
            before,
            "{what}: something outside the output changed"
        );
        if ok {
            let cold = tempfile::tempdir().unwrap();
            let run = Command::new(BINARY)
                .args(["build", "--root"])
                .arg(self.root())
                .arg("--out")
                .arg(cold.path().join("site"))
                .args(extra.iter().filter(|a| **a != "--force"))
                .output()
                .unwrap();
            assert!(run.status.success());
            assert!(
                snapshot(&self.out()) == snapshot(&cold.path().join("site")),
                "{what}: the output is not the tree of a cold build"
            );
        }
        (ok, stderr)
    }
}

fn mkfifo(path: &Path) {
    let _ = fs::remove_file(path);
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// A folder of the output or of its spare replaced by a link to a folder outside, listed in the
/// marker: the build never writes or deletes through it (before, a rebuild over the spare
/// recreated the user's `style.css` as the theme's).
#[test]
fn a_directory_symlink_planted_in_the_output_or_the_spare_is_never_written_through() {
    for place in ["spare", "output"] {
        let planted = Planted::new(false);
        let folder = if place == "spare" {
            planted.spare()
        } else {
            planted.out()
        };
        fs::remove_dir_all(folder.join("assets")).unwrap();
        symlink(planted.outside.path().join("assets"), folder.join("assets")).unwrap();
        let marker = fs::read_to_string(folder.join(".rankpress-output")).unwrap();
        fs::write(
            folder.join(".rankpress-output"),
            format!("{marker}assets\n"),
        )
        .unwrap();
        let (ok, stderr) = planted.build_checked(place, &[]);
        if place == "output" {
            assert!(!ok, "a link in the live output is refused without --force");
            assert!(stderr.contains("assets (a symbolic link)"), "{stderr}");
            let (ok, stderr) = planted.build_checked("output, --force", &["--force"]);
            assert!(ok, "{stderr}");
        } else {
            assert!(ok, "{stderr}");
        }
        assert!(
            fs::symlink_metadata(planted.out().join("assets"))
                .unwrap()
                .is_dir(),
            "{place}: the live output has its own assets folder"
        );
        // And again, now that the tampered tree may have become the spare.
        let (ok, stderr) = planted.build_checked(place, &[]);
        assert!(ok, "{stderr}");
    }
}

/// A symbolic link or a hard link to a file outside, planted in the spare at the name of a
/// page, a `.gz` or a `.br` file: replaced, never written into (before, `--precompress` wrote
/// gzip and brotli bytes into the link's target and into the hard-linked file).
#[test]
fn links_planted_as_files_of_the_spare_are_replaced_not_written_into() {
    for name in ["index.html.gz", "index.html.br", "index.html", "atom.xml"] {
        for hard in [true, false] {
            let planted = Planted::new(true);
            let at = planted.spare().join(name);
            fs::remove_file(&at).unwrap();
            if hard {
                fs::hard_link(planted.target(), &at).unwrap();
            } else {
                symlink(planted.target(), &at).unwrap();
            }
            let what = format!("{name}, hard link {hard}");
            let (ok, stderr) = planted.build_checked(&what, &["--precompress"]);
            assert!(ok, "{what}: {stderr}");
            assert_eq!(fs::read_to_string(planted.target()).unwrap(), "precious");
        }
    }
}

/// A FIFO or a link to `/dev/zero` as a marker or the fingerprint list, a FIFO, a link or a
/// device as the lock file: a clear error or a build that ignores them, never a hang, an
/// endless read or a file created outside.
#[test]
fn fifos_devices_and_links_as_markers_or_lock_never_hang_or_escape() {
    let cases: [(&str, &str); 8] = [
        ("public/.rankpress-fingerprints", "fifo"),
        ("public/.rankpress-fingerprints", "zero"),
        ("public/.rankpress-output", "fifo"),
        (".public.rankpress-spare/.rankpress-output", "fifo"),
        (".public.rankpress-spare/.rankpress-fingerprints", "zero"),
        (".public.rankpress-lock", "fifo"),
        (".public.rankpress-lock", "link"),
        (".public.rankpress-lock", "device"),
    ];
    for (place, kind) in cases {
        let planted = Planted::new(false);
        let at = planted.root().join(place);
        let _ = fs::remove_file(&at);
        match kind {
            "fifo" => mkfifo(&at),
            "zero" => symlink("/dev/zero", &at).unwrap(),
            "link" => symlink(planted.outside.path().join("created-by-lock"), &at).unwrap(),
            _ => symlink("/dev/null", &at).unwrap(),
        }
        let what = format!("{place} as {kind}");
        let (ok, stderr) = planted.build_checked(&what, &[]);
        assert!(
            !planted.outside.path().join("created-by-lock").exists(),
            "{what}"
        );
        if place.ends_with("lock") {
            assert!(!ok, "{what}: the lock must be refused");
            assert!(stderr.contains("lock file"), "{what}: {stderr}");
        } else if place.starts_with("public/") {
            // A foreign entry in the live output: refused and named, or with --force replaced.
            assert!(!ok, "{what}");
            assert!(
                stderr.contains("not a regular file")
                    || stderr.contains("symbolic link")
                    || stderr.contains("not written by rankpress"),
                "{what}: {stderr}"
            );
            let (ok, stderr) = planted.build_checked(&what, &["--force"]);
            assert!(ok, "{what}, --force: {stderr}");
        } else {
            assert!(ok, "{what}: a tampered spare is not used: {stderr}");
        }
    }
}

/// A device node planted in the live output and listed in its marker (made where the tests may
/// make one, as root does): refused and named, never opened; `--force` deletes it as a node.
#[test]
fn a_device_planted_in_the_output_is_refused_and_never_opened() {
    let planted = Planted::new(false);
    let at = planted.out().join("companies/null");
    let made = Command::new("mknod")
        .arg(&at)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        // Without the right to make devices, a link to one stands in for it.
        symlink("/dev/null", &at).unwrap();
    }
    let marker = planted.out().join(".rankpress-output");
    let listed = fs::read_to_string(&marker).unwrap();
    fs::write(&marker, format!("{listed}companies/null\n")).unwrap();
    let (ok, stderr) = planted.build_checked("device", &[]);
    assert!(!ok);
    assert!(stderr.contains("companies/null ("), "{stderr}");
    let (ok, stderr) = planted.build_checked("device, --force", &["--force"]);
    assert!(ok, "{stderr}");
    assert!(fs::symlink_metadata(&at).is_err(), "the node is gone");
}

/// A page of the output edited in place to the same length (a script added) was taken over as
/// unchanged by every later build, `--force` included: a file changed after the build that
/// wrote it is made anew, and `--force` makes every file anew.
#[test]
fn a_tampered_page_of_the_same_length_does_not_survive_a_rebuild() {
    let planted = Planted::new(false);
    let page = planted.out().join("index.html");
    let original = fs::read_to_string(&page).unwrap();
    let script = "<script>window.__pwned=1</script>";
    let at = original.find("</body>").unwrap();
    let mut tampered = original.clone();
    tampered.replace_range(at - script.len()..at, script);
    assert_eq!(tampered.len(), original.len());
    // Past the file system's clock tick (a few milliseconds), as any edit after a build is.
    std::thread::sleep(Duration::from_millis(50));
    fs::write(&page, &tampered).unwrap();
    let (ok, stderr) = planted.build_checked("tampered page", &[]);
    assert!(ok, "{stderr}");
    assert_eq!(fs::read_to_string(&page).unwrap(), original);
    std::thread::sleep(Duration::from_millis(50));
    fs::write(&page, &tampered).unwrap();
    let (ok, stderr) = build(planted.root(), &["--force"]);
    assert!(ok, "{stderr}");
    assert_eq!(fs::read_to_string(&page).unwrap(), original);
}

/// A file of `static/` that becomes a folder, and back: the builds that write over the spare
/// (which holds the other kind at that name) succeed and give the tree of a cold build.
#[test]
fn a_static_file_that_becomes_a_folder_or_back_builds_over_the_spare() {
    let planted = Planted::new(false);
    let root = planted.root();
    for round in 0..3 {
        let _ = fs::remove_dir_all(root.join("static/thing"));
        let _ = fs::remove_file(root.join("static/thing"));
        if round % 2 == 0 {
            crate::support::write(root, "static/thing", "a file");
        } else {
            crate::support::write(root, "static/thing/inside.txt", "in a folder");
        }
        for _ in 0..2 {
            let (ok, stderr) = planted.build_checked(&format!("round {round}"), &[]);
            assert!(ok, "round {round}: {stderr}");
        }
    }
}
