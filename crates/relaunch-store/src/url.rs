//! Which database a `--db` value names, and the URL sqlx is given for it.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::{Backend, DEFAULT_URL, StoreError};

/// What a path must not carry raw into a `sqlite:` URL: sqlx percent-decodes the file name
/// and stops it at `?`; `#` would end the URL.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'?')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}');

pub(crate) fn url_from(flag: Option<&str>, env: Option<&str>) -> String {
    let chosen = [flag, env]
        .into_iter()
        .flatten()
        .find(|value| !value.trim().is_empty())
        .unwrap_or(DEFAULT_URL);
    normalise(chosen)
}

/// A plain path becomes a `sqlite:` URL of that file; a `sqlite:` URL without a `mode` gets
/// `mode=rwc` (the file is created when missing); other URLs are left as they are.
pub(crate) fn normalise(value: &str) -> String {
    if value.starts_with("sqlite:") {
        return with_create_mode(value);
    }
    if value.contains("://") {
        return value.to_owned();
    }
    // `sqlite:` and an opaque path (a leading `/` escaped too), so that no URL parser folds
    // `..` or `.` segments of the path the user wrote.
    let (slash, rest) = match value.strip_prefix('/') {
        Some(rest) => ("%2F", rest),
        None => ("", value),
    };
    format!("sqlite:{slash}{}?mode=rwc", utf8_percent_encode(rest, PATH))
}

fn with_create_mode(url: &str) -> String {
    match url.split_once('?') {
        None => format!("{url}?mode=rwc"),
        Some((_, query)) if query.split('&').any(|pair| pair.starts_with("mode=")) => {
            url.to_owned()
        }
        Some(_) => format!("{url}&mode=rwc"),
    }
}

pub(crate) fn backend_of(url: &str) -> Result<Backend, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::Open {
            url: redact(url),
            message: "expected a `sqlite:` or `postgres://` URL, or the path of a SQLite file"
                .to_owned(),
        })
    }
}

/// `url` without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment_and_the_default_comes_last() {
        assert_eq!(
            url_from(Some("postgres://a/b"), Some("c.db")),
            "postgres://a/b"
        );
        assert_eq!(url_from(None, Some("c.db")), "sqlite:c.db?mode=rwc");
        assert_eq!(url_from(Some(""), None), DEFAULT_URL);
        assert_eq!(url_from(None, None), DEFAULT_URL);
    }

    #[test]
    fn paths_become_sqlite_urls_that_keep_every_character() {
        assert_eq!(
            normalise("/tmp/a b/x?.db"),
            "sqlite:%2Ftmp/a%20b/x%3F.db?mode=rwc"
        );
        assert_eq!(
            normalise("data/../r%.db"),
            "sqlite:data/../r%25.db?mode=rwc"
        );
        assert_eq!(normalise("sqlite://r.db"), "sqlite://r.db?mode=rwc");
        assert_eq!(normalise("sqlite://r.db?mode=ro"), "sqlite://r.db?mode=ro");
        assert_eq!(
            normalise("sqlite://r.db?cache=shared"),
            "sqlite://r.db?cache=shared&mode=rwc"
        );
    }

    #[test]
    fn the_backend_is_the_scheme_and_passwords_stay_out_of_messages() {
        assert_eq!(backend_of("sqlite:r.db").unwrap(), Backend::Sqlite);
        assert_eq!(backend_of("postgresql://h/d").unwrap(), Backend::Postgres);
        let error = backend_of("mysql://u:secret@h/d").unwrap_err().to_string();
        assert!(error.contains("mysql://u:***@h/d"), "{error}");
        assert!(!error.contains("secret"), "{error}");
    }
}
