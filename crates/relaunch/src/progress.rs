//! The progress bar on a terminal (indicatif), as the use cases' [`Progress`]: one bar per piece
//! of work, hidden when stderr is not a terminal.

use std::sync::Mutex;

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
        };
        let style =
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
        let style = match work {
            Work::Explain => style,
            Work::Forecast { .. } | Work::Compare => style.progress_chars("=> "),
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
