//! What one page's rendering may cost, whatever its template says: at most a time, an output
//! size and a number of `range()` elements (Tera bounds one `range` at 100,000 elements, but
//! two nested loops over such ranges run 10^10 times while writing nothing). Rendering is
//! synchronous on one thread, so the budget is kept per thread and set anew for each render;
//! it is checked whenever the template writes or calls `range`.

use std::cell::Cell;
use std::io::Write;
use std::time::{Duration, Instant};

/// The longest one page may take to render: the largest pages (an edition of 100,000
/// companies) take a few seconds.
pub const MAX_RENDER_TIME: Duration = Duration::from_secs(60);

/// The most bytes one page may have: an edition page of 100,000 companies is about 110 MB.
pub const MAX_PAGE_BYTES: usize = 512 * 1024 * 1024;

/// The most elements all `range()` calls of one page may make together.
pub const MAX_RANGE_ELEMENTS: usize = 1_000_000;

thread_local! {
    static STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
    static RANGED: Cell<usize> = const { Cell::new(0) };
}

/// Starts the budget of a render on this thread.
pub fn begin() {
    STARTED.with(|started| started.set(Some(Instant::now())));
    RANGED.with(|ranged| ranged.set(0));
}

/// An error when the render on this thread has run out of time.
fn check_time() -> Result<(), String> {
    let started = STARTED.with(Cell::get);
    match started {
        Some(started) if started.elapsed() > MAX_RENDER_TIME => Err(format!(
            "the template ran for more than {} s (a loop that never ends, or loops nested \
             over large ranges?)",
            MAX_RENDER_TIME.as_secs()
        )),
        _ => Ok(()),
    }
}

/// Tera's `range(end, start=0, step_by=1)`, counted against the page's budget.
pub fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    if start > end && step > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let span = if step > 0 {
        end.saturating_sub(start)
    } else {
        start.saturating_sub(end)
    };
    let len = span
        .saturating_add(step.saturating_abs() - 1)
        .checked_div(step.saturating_abs())
        .unwrap_or(0)
        .max(0);
    let total = RANGED.with(|ranged| {
        let total = ranged
            .get()
            .saturating_add(usize::try_from(len).unwrap_or(usize::MAX));
        ranged.set(total);
        total
    });
    if total > MAX_RANGE_ELEMENTS {
        return Err(tera::Error::message(format!(
            "the template's `range` calls make more than {MAX_RANGE_ELEMENTS} elements for one \
             page (loops nested over large ranges?)"
        )));
    }
    check_time().map_err(tera::Error::message)?;
    Ok((0..len).map(|i| start + i * step).collect())
}

/// The page's bytes, refused past [`MAX_PAGE_BYTES`] or the time budget.
#[derive(Default)]
pub struct Output {
    pub bytes: Vec<u8>,
}

impl Write for Output {
    fn write(&mut self, buffer: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(buffer.len()) > MAX_PAGE_BYTES {
            return Err(std::io::Error::other(format!(
                "the template wrote more than {} MB for one page",
                MAX_PAGE_BYTES / (1024 * 1024)
            )));
        }
        // The clock is read once per 64 KB written, not on every one of a page's many writes.
        let before = self.bytes.len() >> 16;
        self.bytes.extend_from_slice(buffer);
        if self.bytes.len() >> 16 != before {
            check_time().map_err(std::io::Error::other)?;
        }
        Ok(buffer.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> Result<String, String> {
        let mut tera = tera::Tera::new();
        tera.register_function("range", range);
        tera.add_raw_template("t.html", template)
            .map_err(|e| e.to_string())?;
        begin();
        let mut out = Output::default();
        tera.render_to("t.html", &tera::Context::new(), &mut out)
            .map_err(|e| format!("{e:?}"))?;
        Ok(String::from_utf8_lossy(&out.bytes).into_owned())
    }

    #[test]
    fn range_counts_as_tera_does() {
        assert_eq!(
            render("{% for i in range(end=5) %}{{ i }}{% endfor %}").unwrap(),
            "01234"
        );
        assert_eq!(
            render("{% for i in range(start=1, end=10, step_by=3) %}{{ i }}{% endfor %}").unwrap(),
            "147"
        );
        assert_eq!(
            render("{% for i in range(start=5, end=0, step_by=-2) %}{{ i }}{% endfor %}").unwrap(),
            "531"
        );
    }

    /// Two loops nested over ranges of 100,000 writing nothing ran past 30 s: the page's range
    /// budget stops them after ten outer rounds.
    #[test]
    fn nested_loops_over_large_ranges_are_stopped() {
        let error = render(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        )
        .unwrap_err();
        assert!(error.contains("more than 1000000 elements"), "{error}");
    }
}
