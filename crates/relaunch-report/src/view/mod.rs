//! The typed view model of the HTML pages: what a page shows, built once from the result,
//! comparison and "why late" documents (and the scenario), with every date read into a
//! `jiff::civil::Date` and every user string made safe to show. Templates and charts read
//! these structs; none of them parses a date string.

pub mod compare;
pub mod format;
pub mod programme;
pub mod report;
