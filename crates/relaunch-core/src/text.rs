//! Which characters of user text must never reach a terminal, a file or a page as themselves:
//! one list for the diagnostics, the text outputs and the HTML pages.

/// True for a character that must not be shown as itself: control characters (NUL, ESC, tab and
/// line feed included), and invisible or direction-changing ones (zero-width spaces and joiners,
/// bidirectional marks, embeddings, overrides and isolates, the byte order mark, soft hyphens,
/// line and paragraph separators, variation selectors, tags). Callers that lay text out may let
/// tabs and line feeds through.
pub fn is_hostile(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

#[cfg(test)]
mod tests {
    use super::is_hostile;

    #[test]
    fn hostile_and_ordinary_characters() {
        for character in [
            '\0', '\u{1b}', '\t', '\n', '\u{200b}', '\u{202e}', '\u{2066}', '\u{feff}',
        ] {
            assert!(is_hostile(character), "{character:?}");
        }
        for character in ['a', 'Я', '–', '€', ' ', '汽'] {
            assert!(!is_hostile(character), "{character:?}");
        }
    }
}
