//! Programmes and scenario versions.

use relaunch_store::StoreError;

use crate::backend::TestStore;

crate::both!(
    versions_are_numbered_by_content,
    programmes_are_sorted_by_bytes,
    a_version_keeps_the_first_source_sent
);

fn versions_are_numbered_by_content(store: &TestStore) {
    let first = store
        .save_scenario("kaluga", "name = 'a'", "h1", "2026-12-01T09:00:00Z")
        .unwrap();
    assert_eq!((first.version, first.new), (1, true));
    // The same text again (a later day): the stored version, not a new one.
    let again = store
        .save_scenario("kaluga", "name = 'a'", "h1", "2026-12-08T09:00:00Z")
        .unwrap();
    assert_eq!((again.version, again.new), (1, false));
    assert_eq!(again.created, "2026-12-01T09:00:00Z");
    let second = store
        .save_scenario("kaluga", "name = 'b'", "h2", "2026-12-08T09:00:00Z")
        .unwrap();
    assert_eq!((second.version, second.new), (2, true));
    // Another programme numbers its own versions.
    let other = store
        .save_scenario("moskvich", "name = 'a'", "h1", "2026-12-08T10:00:00Z")
        .unwrap();
    assert_eq!((other.version, other.new), (1, true));

    let versions = store.scenario_versions("kaluga").unwrap();
    let listed: Vec<(i64, &str, &str)> = versions
        .iter()
        .map(|v| (v.version, v.hash.as_str(), v.created.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (1, "h1", "2026-12-01T09:00:00Z"),
            (2, "h2", "2026-12-08T09:00:00Z")
        ]
    );
    assert_eq!(store.scenario_text("kaluga", 2).unwrap(), "name = 'b'");
    let missing = store.scenario_text("kaluga", 3).unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)), "{missing}");
    assert!(store.scenario_versions("nobody").unwrap().is_empty());
}

fn programmes_are_sorted_by_bytes(store: &TestStore) {
    for name in ["moskvich", "Ärger", "Kaluga", "kaluga"] {
        store
            .save_scenario(name, "x", "h", "2026-12-01T09:00:00+03:00")
            .unwrap();
    }
    assert_eq!(
        store.programmes().unwrap(),
        ["Kaluga", "kaluga", "moskvich", "Ärger"]
    );
    let bad = store
        .save_scenario("kaluga", "x", "h", "yesterday")
        .unwrap_err();
    assert!(matches!(bad, StoreError::Invalid(_)), "{bad}");
    assert!(bad.to_string().contains("RFC 3339"), "{bad}");
    let nul = store
        .save_scenario("ka\0luga", "x", "h", "2026-12-01T09:00:00Z")
        .unwrap_err();
    assert!(nul.to_string().contains("NUL"), "{nul}");
    assert_eq!(store.programmes().unwrap().len(), 4);
}

fn a_version_keeps_the_first_source_sent(store: &TestStore) {
    let created = "2026-12-01T09:00:00Z";
    // Saved from a file: no source.
    let first = store.save_scenario("kaluga", "{}", "h1", created).unwrap();
    assert_eq!(
        store.scenario_source("kaluga", first.version).unwrap(),
        None
    );
    // The same version sent as text: its source is kept, and no new version is made.
    let sent = store
        .save_scenario_with_source("kaluga", ("{}", "# as written\n"), "h1", created)
        .unwrap();
    assert_eq!((sent.version, sent.new), (1, false));
    assert_eq!(
        store.scenario_source("kaluga", 1).unwrap().as_deref(),
        Some("# as written\n")
    );
    // Another text of the same version keeps the first source.
    store
        .save_scenario_with_source("kaluga", ("{}", "# reformatted\n"), "h1", created)
        .unwrap();
    assert_eq!(
        store.scenario_source("kaluga", 1).unwrap().as_deref(),
        Some("# as written\n")
    );
    // A new version with its source.
    let second = store
        .save_scenario_with_source("kaluga", ("{\"a\":1}", "a = 1\n"), "h2", created)
        .unwrap();
    assert_eq!((second.version, second.new), (2, true));
    assert_eq!(
        store.scenario_source("kaluga", 2).unwrap().as_deref(),
        Some("a = 1\n")
    );
    let missing = store.scenario_source("kaluga", 3).unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)), "{missing}");
    let nul = store
        .save_scenario_with_source("kaluga", ("{}", "a\0"), "h1", created)
        .unwrap_err();
    assert!(matches!(nul, StoreError::Invalid(_)), "{nul}");
}
