//! relaunch-core: the pure simulation and planning core of relaunch.
//!
//! It does no IO: no files, no network, no clock, no global random number generator and no
//! threads of its own beyond a rayon parallel map whose pool the caller chooses. Callers hand
//! it a validated [`model::Scenario`] and a seed and get results back as plain values.

pub mod actuals;
pub mod budget;
pub mod capacity;
pub mod check;
pub mod codec;
pub mod compare;
pub mod costs;
pub mod design;
pub mod dist;
pub mod kernel;
pub mod learning;
pub mod localization;
pub mod milestones;
pub mod model;
pub mod montecarlo;
pub mod preflight;
pub mod programme;
pub mod ranking;
pub mod rng;
pub mod schedule;
pub mod sensitivity;
pub mod sim;
pub mod staff;
pub mod stats;
pub mod text;
pub mod theory;
pub mod tracking;
pub mod why;

pub use dist::Dist;
pub use model::Scenario;
