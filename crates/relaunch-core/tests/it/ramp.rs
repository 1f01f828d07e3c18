//! Ramp behaviour.
