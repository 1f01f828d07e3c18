//! The store's tests. Each test in `both!` runs on a SQLite file in a temporary directory and
//! on a fresh PostgreSQL database when `RELAUNCH_TEST_POSTGRES` names a server (see
//! `backend.rs` for what happens when it does not).

mod backend;
mod forecasts;
mod import;
mod kill;
mod open;
mod parity;
mod scenarios;

/// Runs `fn $name(&TestStore)` as `$name::sqlite` and `$name::postgres`.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::$name(&$crate::backend::sqlite());
            }

            #[test]
            fn postgres() {
                if let Some(store) = $crate::backend::postgres() {
                    super::$name(&store);
                }
            }
        }
    )*};
}

use jiff::civil::Date;
use relaunch_core::actuals::{Metric, Row};

/// A row of actuals; `date` is `YYYY-MM-DD`.
pub fn row(date: &str, metric: Metric, item: &str, value: u64, note: &str) -> Row {
    Row {
        date: date.parse::<Date>().unwrap(),
        metric,
        item: item.to_owned(),
        value,
        note: note.to_owned(),
    }
}

pub fn date(text: &str) -> Date {
    text.parse().unwrap()
}
