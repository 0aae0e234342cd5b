//! A progress line for long builds: shown on a terminal only, and only once a build has taken
//! more than a second, so short builds and logs (CI, pipes) get nothing but the summary line.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// Counts finished items; a background thread draws them when worth it.
pub struct Progress {
    done: Arc<AtomicUsize>,
    finished: Arc<AtomicBool>,
    painter: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts counting towards `total` items of work described by `what` ("files").
    pub fn start(total: usize, what: &'static str) -> Progress {
        let done = Arc::new(AtomicUsize::new(0));
        let finished = Arc::new(AtomicBool::new(false));
        let painter = std::io::stderr().is_terminal().then(|| {
            let (done, finished) = (done.clone(), finished.clone());
            std::thread::spawn(move || {
                // Nothing for the first second: most builds are over by then.
                for _ in 0..20 {
                    std::thread::sleep(Duration::from_millis(50));
                    if finished.load(Ordering::Relaxed) {
                        return;
                    }
                }
                let mut stderr = std::io::stderr();
                while !finished.load(Ordering::Relaxed) {
                    let count = done.load(Ordering::Relaxed).min(total);
                    let filled = count * 30 / total.max(1);
                    let _ = write!(
                        stderr,
                        "\r[{}{}] {count}/{total} {what}",
                        "#".repeat(filled),
                        " ".repeat(30 - filled)
                    );
                    let _ = stderr.flush();
                    std::thread::sleep(Duration::from_millis(100));
                }
                let _ = write!(stderr, "\r{}\r", " ".repeat(60 + what.len()));
                let _ = stderr.flush();
            })
        });
        Progress {
            done,
            finished,
            painter,
        }
    }

    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finished.store(true, Ordering::Relaxed);
        if let Some(painter) = self.painter.take() {
            let _ = painter.join();
        }
    }
}
