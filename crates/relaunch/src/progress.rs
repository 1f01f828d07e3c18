//! Progress of a run on stderr, as the use cases' [`Progress`]: the bar on a terminal
//! (indicatif, one bar per piece of work), or one line per tenth of the work
//! (`simulate: 400/2000 replications`) when stderr is a file or a pipe, chosen by
//! `--progress=auto|bar|lines|none`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use relaunch_app::{Progress, Work};

/// A progress bar on stderr for each piece of work a use case starts.
#[derive(Default)]
pub struct TerminalProgress {
    bar: Mutex<Option<ProgressBar>>,
}

impl TerminalProgress {
    fn with_bar(&self, action: impl FnOnce(&ProgressBar)) {
        let guard = self
            .bar
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(bar) = guard.as_ref() {
            action(bar);
        }
    }
}

impl Progress for TerminalProgress {
    fn start(&self, work: Work<'_>, total: u64) {
        let bar = ProgressBar::new(total);
        let template = match work {
            Work::Forecast { .. } => {
                "{spinner} {msg} [{bar:30}] {pos}/{len} replications, {eta} left"
            }
            Work::Explain => "{spinner} why: {pos}/{len} relaxation subsets, {eta} left",
            Work::Compare => {
                "{spinner} compare: [{bar:30}] {pos}/{len} replications of every variant, {eta} left"
            }
            Work::Backtest => {
                "{spinner} backtest: [{bar:30}] {pos}/{len} replications of every forecast, {eta} left"
            }
            Work::Study => {
                "{spinner} study: [{bar:30}] {pos}/{len} replications of every forecast, {eta} left"
            }
        };
        let style =
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
        let style = match work {
            Work::Explain => style,
            Work::Forecast { .. } | Work::Compare | Work::Backtest | Work::Study => {
                style.progress_chars("=> ")
            }
        };
        bar.set_style(style);
        if let Work::Forecast { scenario } = work {
            bar.set_message(relaunch_report::words::shown(scenario).into_owned());
        }
        let mut guard = self
            .bar
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = Some(bar);
    }

    fn advance(&self, done: u64) {
        self.with_bar(|bar| bar.set_position(done));
    }

    fn finish(&self) {
        let mut guard = self
            .bar
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(bar) = guard.take() {
            bar.finish_and_clear();
        }
    }
}

/// How progress is shown (`--progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ProgressMode {
    /// The bar when stderr is a terminal; otherwise lines, once a run has taken a few seconds.
    #[default]
    Auto,
    /// The bar (drawn only on a terminal).
    Bar,
    /// One line per tenth of the work, from the start.
    Lines,
    /// Nothing.
    None,
}

/// A run without the lines of auto mode prints nothing: lines start after this long.
const QUIET_START: Duration = Duration::from_secs(5);

/// At most this long between two lines while work advances, even within one tenth.
const LONGEST_SILENCE: Duration = Duration::from_secs(10);

/// The progress of the mode chosen, for one command.
pub fn for_mode(mode: ProgressMode) -> Box<dyn Progress> {
    match mode {
        ProgressMode::Auto if std::io::stderr().is_terminal() => {
            Box::new(TerminalProgress::default())
        }
        ProgressMode::Auto => Box::new(LineProgress::after(QUIET_START)),
        ProgressMode::Bar => Box::new(TerminalProgress::default()),
        ProgressMode::Lines => Box::new(LineProgress::after(Duration::ZERO)),
        ProgressMode::None => Box::new(relaunch_app::NoProgress),
    }
}

/// The piece of work that lines report on.
struct Line {
    /// `simulate`, `why`, `compare`.
    command: &'static str,
    /// What is counted: `replications`, ...
    unit: &'static str,
    total: u64,
    /// The tenths of the work reported so far.
    tenths: u64,
    started: Instant,
    last_line: Option<Instant>,
}

/// One line on stderr per tenth of the work: `simulate: 400/2000 replications`; quiet during
/// the first `quiet` of a piece of work, so that short runs print nothing.
pub struct LineProgress {
    quiet: Duration,
    line: Mutex<Option<Line>>,
}

impl LineProgress {
    fn after(quiet: Duration) -> Self {
        Self {
            quiet,
            line: Mutex::new(None),
        }
    }
}

impl Progress for LineProgress {
    fn start(&self, work: Work<'_>, total: u64) {
        let (command, unit) = match work {
            Work::Forecast { .. } => ("simulate", "replications"),
            Work::Explain => ("why", "relaxation subsets"),
            Work::Compare => ("compare", "replications of every variant"),
            Work::Backtest => ("backtest", "replications of every forecast"),
            Work::Study => ("study", "replications of every forecast"),
        };
        let mut guard = self
            .line
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = Some(Line {
            command,
            unit,
            total,
            tenths: 0,
            started: Instant::now(),
            last_line: None,
        });
    }

    fn advance(&self, done: u64) {
        let mut guard = self
            .line
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(line) = guard.as_mut() else {
            return;
        };
        let now = Instant::now();
        let tenths = (done.min(line.total) * 10)
            .checked_div(line.total)
            .unwrap_or(10);
        let new_tenth = tenths > line.tenths;
        line.tenths = line.tenths.max(tenths);
        let silent_too_long = line
            .last_line
            .is_some_and(|last| now.duration_since(last) >= LONGEST_SILENCE);
        if now.duration_since(line.started) < self.quiet || !(new_tenth || silent_too_long) {
            return;
        }
        line.last_line = Some(now);
        eprintln!("{}: {done}/{} {}", line.command, line.total, line.unit);
    }

    fn finish(&self) {
        let mut guard = self
            .line
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = None;
    }
}
