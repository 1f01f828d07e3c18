//! The one escaping path of the pages: user strings lose their invisible characters before
//! they reach a page (in the templates, and in the charts' specs through
//! `ChartSpec::to_json`), and text written outside the template engine is escaped by the
//! engine's own escaper ([`esc`]).

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character a reader cannot see but that changes what a text says or how it is
/// laid out: control characters (NUL included), zero-width and bidirectional formatting
/// characters and the byte order mark. Tabs and line feeds are ordinary white space.
fn is_invisible(character: char) -> bool {
    character != '\n' && character != '\t' && relaunch_core::text::is_hostile(character)
}

/// `text` with every invisible character shown as its code point, `[U+200B]`, so that two ids
/// that look alike on the page are alike, and no NUL or control byte reaches the HTML.
pub fn neutralise_invisible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if is_invisible(character) {
            write!(out, "[U+{:04X}]", u32::from(character)).ok();
        } else {
            out.push(character);
        }
    }
    Cow::Owned(out)
}

/// Writes `text` escaped for HTML element content and attribute values: invisible characters
/// neutralised, `&`, `<`, `>` and `"` escaped by the template engine's own escaper (maud's), and
/// the apostrophe as `&#39;` so that single-quoted attributes would be safe too.
fn escape_into(out: &mut String, text: &str) {
    let text = neutralise_invisible(text);
    for (index, piece) in text.split('\'').enumerate() {
        if index > 0 {
            out.push_str("&#39;");
        }
        maud::Escaper::new(out).write_str(piece).ok();
    }
}

/// `text` escaped for HTML element content and attribute values, as every user string on the
/// pages is (see [`UserText`]).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// A string that came from the user (an id, a name, a verdict that quotes them…), with its
/// invisible characters already made visible; it renders escaped by [`esc`]'s rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserText(String);

impl UserText {
    pub fn new(text: &str) -> UserText {
        UserText(neutralise_invisible(text).into_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl maud::Render for UserText {
    fn render_to(&self, buffer: &mut String) {
        escape_into(buffer, &self.0);
    }
}

/// Shorthand for [`UserText::new`] inside templates.
pub fn shown(text: &str) -> UserText {
    UserText::new(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_shows_invisible_characters() {
        assert_eq!(esc("<a href=\"x\">&"), "&lt;a href=&quot;x&quot;&gt;&amp;");
        assert_eq!(esc("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
        assert_eq!(esc("a\u{0}b\u{200B}c"), "a[U+0000]b[U+200B]c");
        assert_eq!(esc("line\tone\nline two"), "line\tone\nline two");
        assert_eq!(UserText::new("x\u{202E}y").as_str(), "x[U+202E]y");
    }
}
