//! The example actuals (filled in with the examples).
