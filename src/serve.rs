//! The dev server: builds the site in memory, serves it on loopback, watches the sources and
//! rebuilds on save, and tells open tabs to reload over a websocket. A failed rebuild keeps the
//! last good pages and lays the error over them, in the browser and in the terminal.
//!
//! Only what is in the built site is ever served: requests are looked up in the in-memory output,
//! never mapped to the file system, so no path can reach outside it.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::Result;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast;

use crate::escape::escape_xml;
use crate::pipeline::interface;
use crate::pipeline::{BuildOptions, Builder};
use crate::sink::PreviousFingerprints;

/// The address of the live-reload websocket; no page of a site can have this path.
const LIVE_PATH: &str = "/__rankpress/live";

pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Print the time of each stage of every rebuild.
    pub verbose: bool,
}

#[derive(Default)]
struct Site {
    files: Arc<crate::sink::SharedFiles>,
    /// The problems of the last build, when it failed, under the overlay's heading in the
    /// site's first language.
    error: Option<Failure>,
    /// The warnings of the last good build as printed: a rebuild with the same ones says so in
    /// a word instead of printing them again on every save.
    warnings: String,
}

/// A failed build as the overlay shows it.
struct Failure {
    /// "rankpress: the build failed. Fix the problem and save; this page reloads." in the
    /// site's first language (`overlay_failed`).
    heading: String,
    /// The heading's language and direction.
    lang: String,
    dir: &'static str,
    report: String,
}

impl Failure {
    fn new(locale: &crate::locale::Locale, report: String) -> Failure {
        Failure {
            heading: locale.t("overlay_failed"),
            lang: locale.code.clone(),
            dir: if locale.right_to_left() { "rtl" } else { "ltr" },
            report,
        }
    }
}

#[derive(Clone)]
struct AppState {
    site: Arc<RwLock<Site>>,
    /// What the last good build read and computed, for rebuilds after commentary edits.
    session: Arc<std::sync::Mutex<Builder>>,
    reload: broadcast::Sender<()>,
    /// The port the server listens on: a `Host` must name it.
    port: u16,
    /// Print the time of each stage of every rebuild.
    verbose: bool,
    /// The site's folder: its first language is the overlay's.
    root: PathBuf,
}

/// Serves connections until Ctrl+C: each with a timeout on reading request headers (which also
/// closes a connection idle between requests) and at most
/// [`crate::input::limits::SERVE_MAX_CONNECTIONS`] at once, so that idle or half-sent connections can
/// neither pile up nor exhaust the file descriptors.
async fn accept_loop(listener: tokio::net::TcpListener, app: Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let slots = Arc::new(tokio::sync::Semaphore::new(
        crate::input::limits::SERVE_MAX_CONNECTIONS,
    ));
    let timeout = Duration::from_secs(crate::input::limits::SERVE_HEADER_TIMEOUT_SECONDS);
    let shutdown = tokio::signal::ctrl_c();
    tokio::pin!(shutdown);
    loop {
        // A slot first: beyond the limit, new connections wait in the kernel's queue.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            _ = &mut shutdown => return,
        };
        let Ok(slot) = slot else { return };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut shutdown => return,
        };
        let Ok((stream, _)) = accepted else {
            // Out of file descriptors or similar: give the system a moment.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(timeout);
            let connection = builder
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            drop(connection.await);
            drop(slot);
        });
    }
}

/// Whether a `Host` (or a websocket's `Origin` without its scheme) names this server as a browser
/// on this machine would: `localhost` or an IP address, with the server's port. A page of another
/// site that makes a browser resolve its own name to 127.0.0.1 (DNS rebinding) sends its own name,
/// and is refused.
fn is_local_host(host: &str, port: u16) -> bool {
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, given)) if !name.is_empty() && !given.contains(']') => (name, Some(given)),
        _ => (host, None),
    };
    if given_port.is_some_and(|given| given != port.to_string()) {
        return false;
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok()
}

/// 403 unless the request's `Host` names this server, and a websocket's `Origin` too.
fn refuse_foreign(headers: &axum::http::HeaderMap, port: u16, websocket: bool) -> Option<Response> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let origin_ok = match headers.get(header::ORIGIN).map(|o| o.to_str()) {
        None => true,
        Some(Ok(origin)) => origin
            .strip_prefix("http://")
            .is_some_and(|rest| is_local_host(rest, port)),
        Some(Err(_)) => false,
    };
    if is_local_host(host, port) && (origin_ok || !websocket) {
        return None;
    }
    // The connection is closed with the refusal: a refused request (a websocket handshake from
    // a foreign page, say) must not keep one of the server's connection slots while it idles.
    Some(
        (
            StatusCode::FORBIDDEN,
            [(header::CONNECTION, "close")],
            "rankpress serve answers only requests addressed to localhost or 127.0.0.1",
        )
            .into_response(),
    )
}

/// Builds once, then serves until Ctrl+C.
pub fn run(options: ServeOptions) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| {
            crate::diagnostics::Said::new(
                "cannot start the server",
                crate::diagnostics::Phrase::new("diag_serve_cannot_start", &[]),
            )
            .caused_by(error)
        })?;
    runtime.block_on(serve(options))
}

async fn serve(mut options: ServeOptions) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .await
        .map_err(|error| {
            let address = format!("{}:{}", options.bind, options.port);
            crate::diagnostics::Said::new(
                format!("cannot listen on {address}"),
                crate::diagnostics::Phrase::new(
                    "diag_serve_cannot_listen",
                    &[("address", &address)],
                ),
            )
            .caused_by(error)
        })?;
    let address = listener.local_addr()?;
    options.build.base_url = Some(format!("http://{address}/"));
    options.build.output = None;
    // The watcher reports absolute paths (notify joins a relative one to the current folder),
    // and the rebuild finds the commentary a change names by its path under the root: both must
    // start the same way, or a save under `--root .` is never matched and silently ignored.
    // `absolute` keeps a symlinked root as given, as the watcher does.
    options.build.root = std::path::absolute(&options.build.root).map_err(|error| {
        let shown = options.build.root.display().to_string();
        crate::diagnostics::Said::new(
            format!("cannot find {shown}"),
            crate::diagnostics::Phrase::new("diag_cannot_find", &[("folder", &shown)]),
        )
        .caused_by(error)
    })?;
    let state = AppState {
        site: Arc::new(RwLock::new(Site::default())),
        session: Arc::new(std::sync::Mutex::new(Builder::session(&options.build))),
        reload: broadcast::channel(16).0,
        port: address.port(),
        verbose: options.verbose,
        root: options.build.root.clone(),
    };
    // Watch the sources before the first build, so that no save is missed, not one made during
    // that build or right after the address is printed. Every burst of changes leads to one
    // rebuild (debounced). Each change names its paths, or `None` when the watcher lost track
    // (its queue overflowed, an error).
    let (changed, mut changes) = tokio::sync::mpsc::unbounded_channel::<Option<Vec<PathBuf>>>();
    let root = options.build.root.clone();
    let watcher =
        notify::recommended_watcher(move |event: notify::Result<notify::Event>| match event {
            Ok(event) if matches!(event.kind, notify::EventKind::Access(_)) => {}
            Ok(event) if event.need_rescan() || event.paths.is_empty() => {
                let _ = changed.send(None);
            }
            Ok(event) => {
                // In the site's own folder only a source folder that appears or goes matters.
                let paths: Vec<PathBuf> = event
                    .paths
                    .into_iter()
                    .filter(|path| path.parent() != Some(root.as_path()) || is_source_folder(path))
                    .collect();
                if !paths.is_empty() {
                    let _ = changed.send(Some(paths));
                }
            }
            Err(_) => {
                let _ = changed.send(None);
            }
        })
        .map_err(|error| cannot_watch(&options.build.root, error))?;
    let mut sources = Sources {
        watcher,
        root: options.build.root.clone(),
        watched: std::collections::BTreeSet::new(),
    };
    sources
        .watcher
        .watch(&sources.root, RecursiveMode::NonRecursive)
        .map_err(|error| cannot_watch(&sources.root, error))?;
    sources.watch_new()?;
    rebuild(&state, None).await;
    let locale = interface::interface_locale(&options.build.root);
    println!(
        "{}",
        interface::serving(
            &locale,
            &options.build.root.display().to_string(),
            &format!("http://{address}/")
        )
    );
    if options.open {
        let url = format!("http://{address}/");
        if !open_browser(&url) {
            eprintln!("{}", locale.t_with("cli_no_browser", &[("url", &url)]));
        }
    }

    let rebuild_state = state.clone();
    tokio::spawn(async move {
        while let Some(first) = changes.recv().await {
            tokio::time::sleep(Duration::from_millis(25)).await;
            // The paths of the whole burst, unless the watcher lost track of one.
            let mut paths = Some(std::collections::BTreeSet::new());
            for change in
                std::iter::once(first).chain(std::iter::from_fn(|| changes.try_recv().ok()))
            {
                match (change, paths.as_mut()) {
                    (Some(changed), Some(paths)) => paths.extend(changed),
                    _ => paths = None,
                }
            }
            // A source folder that appeared is watched from now on; what it holds is read
            // whole, since no change named its files.
            match sources.watch_new() {
                Ok(false) => {}
                Ok(true) => paths = None,
                Err(error) => eprintln!(
                    "{}",
                    crate::diagnostics::said_error(
                        &error,
                        &interface::interface_locale(&rebuild_state.root)
                    )
                ),
            }
            rebuild(&rebuild_state, paths).await;
        }
    });

    let app = Router::new()
        .route(LIVE_PATH, get(live))
        .fallback(page)
        .with_state(state);
    accept_loop(listener, app).await;
    Ok(())
}

/// The folders of a site that a build reads.
const SOURCE_FOLDERS: [&str; 6] = ["data", "content", "themes", "static", "templates", "i18n"];

fn is_source_folder(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| SOURCE_FOLDERS.contains(&name))
}

/// The dev server's file watcher: the site's own folder, for source folders that appear, and
/// each source folder that exists, recursively.
struct Sources {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
    watched: std::collections::BTreeSet<PathBuf>,
}

/// "cannot watch `path`", with the reason in the site's language where it is the system's:
/// the limit of watched folders (Linux's inotify) gets the setting that raises it.
fn cannot_watch(path: &std::path::Path, error: notify::Error) -> anyhow::Error {
    use crate::diagnostics::{Phrase, Said};
    let shown = path.display().to_string();
    let cause = match error.kind {
        notify::ErrorKind::MaxFilesWatch => {
            return Said::new(
                format!(
                    "cannot watch {shown}: the system's limit of watched folders is reached; \
                     raise it with `sudo sysctl fs.inotify.max_user_watches=524288`"
                ),
                Phrase::new("diag_cannot_watch_limit", &[("folder", &shown)]),
            )
            .into();
        }
        notify::ErrorKind::Io(error) => error,
        notify::ErrorKind::PathNotFound => std::io::ErrorKind::NotFound.into(),
        _ => std::io::Error::other(error.to_string()),
    };
    Said::new(
        format!("cannot watch {shown}"),
        Phrase::new("diag_cannot_watch", &[("folder", &shown)]),
    )
    .caused_by(cause)
    .into()
}

impl Sources {
    /// Watches each source folder that exists and is not watched yet, and forgets one that is
    /// gone (its watch went with it), so that it is watched again when it comes back. Whether a
    /// folder was added.
    fn watch_new(&mut self) -> Result<bool> {
        self.watched.retain(|path| path.is_dir());
        let mut added = false;
        for folder in SOURCE_FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir() && !self.watched.contains(&path) {
                self.watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|error| cannot_watch(&path, error))?;
                self.watched.insert(path);
                added = true;
            }
        }
        Ok(added)
    }
}

/// Rebuilds in memory; on success replaces the pages, on failure keeps them and sets the error.
/// `changed`: the paths changed since the last rebuild, when the watcher knows them all.
async fn rebuild(state: &AppState, changed: Option<std::collections::BTreeSet<PathBuf>>) {
    let started = Instant::now();
    let previous = {
        let site = state.site.read().unwrap_or_else(|e| e.into_inner());
        PreviousFingerprints::from_memory(site.files.clone())
    };
    let session = state.session.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let mut session = session.lock().unwrap_or_else(|e| e.into_inner());
        session.rebuild(&previous, changed.as_ref())
    })
    .await;
    let mut site = state.site.write().unwrap_or_else(|e| e.into_inner());
    // Said in the site's first language (English where the theme has no words for it).
    let locale = interface::interface_locale(&state.root);
    match outcome {
        Ok(Ok((report, files))) => {
            site.files = Arc::new(files);
            site.error = None;
            let warnings: String = report
                .warnings
                .sorted()
                .iter()
                .map(|warning| format!("{}\n", warning.worded(&locale)))
                .collect();
            let count = report.warnings.warning_count();
            let as_before = if warnings == site.warnings {
                (count > 0).then_some(count as u64)
            } else {
                eprint!("{warnings}");
                site.warnings = warnings;
                None
            };
            if state.verbose {
                for note in report.warnings.notes_worded(&locale) {
                    eprintln!("{note}");
                }
                eprint!("{}", report.stage_lines());
            }
            println!(
                "{}",
                interface::rebuilt(
                    &locale,
                    report.counts.pages as u64,
                    started.elapsed().as_millis() as u64,
                    report.counts.unchanged as u64,
                    as_before
                )
            );
        }
        Ok(Err(error)) => {
            let text = error.worded(&locale);
            eprint!("{text}");
            eprintln!("{}", locale.t("cli_serve_failed"));
            site.error = Some(Failure::new(&locale, text));
        }
        Err(panic) => {
            let reason = panic.to_string();
            let said = crate::diagnostics::Said::new(
                format!("the build stopped unexpectedly: {reason}"),
                crate::diagnostics::Phrase::new("diag_build_stopped", &[])
                    .with("reason", crate::diagnostics::as_given(&reason)),
            );
            site.error = Some(Failure::new(
                &locale,
                crate::diagnostics::said_chain(&said.into(), &locale),
            ))
        }
    }
    drop(site);
    let _ = state.reload.send(());
}

/// The websocket an open page listens on: "reload" after every rebuild.
async fn live(
    upgrade: WebSocketUpgrade,
    headers: axum::http::HeaderMap,
    State(state): State<AppState>,
) -> Response {
    if let Some(refused) = refuse_foreign(&headers, state.port, true) {
        return refused;
    }
    let mut reloads = state.reload.subscribe();
    upgrade.on_upgrade(move |mut socket: WebSocket| async move {
        while reloads.recv().await.is_ok() {
            if socket.send(Message::Text("reload".into())).await.is_err() {
                break;
            }
        }
    })
}

/// Any other request: a file of the built site, looked up in memory.
async fn page(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: axum::http::HeaderMap,
) -> Response {
    if let Some(refused) = refuse_foreign(&headers, state.port, false) {
        return refused;
    }
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "",
        )
            .into_response();
    }
    if uri.to_string().len() > crate::input::limits::MAX_REQUEST_TARGET_BYTES {
        return (StatusCode::URI_TOO_LONG, "").into_response();
    }
    let site = state.site.read().unwrap_or_else(|e| e.into_inner());
    let path = percent_decode(uri.path().trim_start_matches('/'));
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.clone(), format!("{path}/index.html")]
    };
    let found = candidates.iter().find_map(|candidate| {
        site.files
            .get(candidate)
            .map(|bytes| (candidate.as_str(), bytes))
    });
    let (status, name, bytes) = match found {
        Some((name, bytes)) => (StatusCode::OK, name, Some(bytes)),
        None => (
            StatusCode::NOT_FOUND,
            "404.html",
            site.files.get("404.html"),
        ),
    };
    let content_type = content_type(name);
    let body = match bytes {
        Some(bytes) if content_type.starts_with("text/html") => inject(bytes, site.error.as_ref()),
        Some(bytes) => bytes.as_ref().clone(),
        None => inject(b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>rankpress</title></head><body></body></html>", site.error.as_ref()),
    };
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    };
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// Adds the live-reload script, and the error overlay when the last build failed.
fn inject(html: &[u8], error: Option<&Failure>) -> Vec<u8> {
    let mut extra = String::from(
        "<script>(function(){var s=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/__rankpress/live');\
         s.onmessage=function(e){if(e.data==='reload'){location.reload();}};})();</script>",
    );
    if let Some(error) = error {
        extra.push_str(&format!(
            "<div id=\"rankpress-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;\
             background:#2b0a0a;color:#ffe9e9;color-scheme:dark;padding:clamp(0.75rem,4vw,2rem);font:14px/1.5 ui-monospace,monospace\">\
             <strong lang=\"{}\" dir=\"{}\">{}</strong>\
             <pre dir=\"ltr\" style=\"font:inherit;margin:1.5em 0 0;white-space:pre-wrap;overflow-x:auto\">{}</pre></div>",
            escape_xml(&error.lang),
            error.dir,
            escape_xml(&error.heading),
            report_html(&error.report)
        ));
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

/// The error report for the overlay (left to right, as the terminal shows it, also on an Arabic
/// page, so that a caret stays under its column): its sentences wrap on a narrow screen, but a quoted source
/// line and the caret line under it (`  7 |     care: 7`, `    |           ^`) do not, so that the
/// caret stays under its column; they scroll sideways instead.
fn report_html(report: &str) -> String {
    let mut html = String::with_capacity(report.len() + 64);
    for line in report.lines() {
        let gutter = line
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        if gutter.starts_with(" |") || gutter.starts_with('|') {
            html.push_str("<span style=\"white-space:pre\">");
            html.push_str(&escape_xml(line));
            html.push_str("</span>\n");
        } else {
            html.push_str(&escape_xml(line));
            html.push('\n');
        }
    }
    html
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'%'
            && let Some(value) = path
                .get(index + 1..index + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            decoded.push(value);
            index += 3;
            continue;
        }
        decoded.push(byte);
        index += 1;
    }
    String::from_utf8_lossy(&decoded).to_string()
}

/// Opens `url` in the desktop's browser; whether one could be started.
fn open_browser(url: &str) -> bool {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(command).arg(url).spawn().is_ok()
}

#[cfg(test)]
mod tests {
    use super::is_local_host;

    #[test]
    fn only_local_names_with_the_right_port_are_this_server() {
        for host in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LOCALHOST",
            "[::1]:4000",
            "[::1]",
            "10.0.0.5:4000",
        ] {
            assert!(is_local_host(host, 4000), "{host}");
        }
        for host in [
            "evil.example:4000",
            "127.0.0.1.nip.io:4000",
            "127.0.0.1:4001",
            "",
            "localhost.evil.example",
            "[::1]:80",
        ] {
            assert!(!is_local_host(host, 4000), "{host}");
        }
    }
}
