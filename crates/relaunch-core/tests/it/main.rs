//! Integration tests of relaunch-core: the engine against queueing theory, learning and ramp
//! behaviour computed by hand, and determinism across thread counts.

mod anchored_phases;
mod build;
mod calibrate;
mod calibrate_pace;
mod costs;
mod disruptions;
mod mixed;
mod preflight;
mod programme;
mod programme_checks;
mod programme_critical;
mod programme_crn;
mod ramp;
mod relaxations;
mod review;
mod shards;
mod shifts;
mod stop;
mod textbook;
mod tracking;
mod tracking_people;
mod tracking_remaining;
mod tracking_why;
mod why;
mod workforce;
