//! Integration tests of the scenario reader: one binary, one module per concern.

mod examples;
mod extends;
mod fuzz;
mod mistakes;
mod support;
