//! End-to-end tests of the `relaunch` binary: the commands run as a user runs them, on the
//! shipped examples and on fixtures.

mod architecture;
mod compare;
mod costs;
mod exports;
mod headcount;
mod hostile;
mod localization;
mod mixed;
mod outputs;
mod plan;
mod programme;
mod programme_check;
mod progress;
mod serve;
mod set;
mod shard;
mod shifts;
mod simulate;
mod support;
mod textbook;
mod tornado;
mod tracking;
mod warnings;
mod why;
