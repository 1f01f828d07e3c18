//! Integration tests of the scenario reader: one binary, one module per concern.

mod anchors;
mod bounds;
mod costs;
mod edges;
mod examples;
mod extends;
mod fuzz;
mod fuzz_programme;
mod inputs;
mod mistakes;
mod overrides;
mod product_cycles;
mod programme;
mod programme_run;
mod shift_phases;
mod support;
mod volume;
