//! Edge classes of valid-looking scenarios: dates near the end of the calendar's range, huge
//! intervals, lead times and training, and empty arrays of tables. Each is either refused at
//! the key that causes it or accepted and run through the engine without a panic.

use relaunch_core::Scenario;
use relaunch_core::montecarlo::forecast;
use relaunch_core::sim::Relaxations;
use relaunch_scenario::load_str;

use crate::support::{MINIMAL, check, fixture_path, minimal_with, problems};

/// Runs two replications of `scenario` and returns the last day's date of the forecast.
pub fn run_two_replications(scenario: &Scenario) -> String {
    let result = forecast(scenario, 3, 2, Relaxations::default(), &|_| {});
    assert_eq!(result.replications, 2);
    result
        .daily
        .last()
        .map(|day| day.date.to_string())
        .unwrap_or_default()
}

/// A kit with one order appended to `MINIMAL` (whose product gets the kit). `order` and
/// `lead_time` are TOML values.
fn with_kit(start: &str, horizon: &str, order: &str, lead_time: &str) -> String {
    minimal_with(
        &[
            (3, &format!("start = \"{start}\"")),
            (4, &format!("horizon = \"{horizon}\"")),
            (12, "route = [\"trim-1\"]\nkit = \"k\""),
        ],
        &format!("\n[[kit]]\nid = \"k\"\norders = [{order}]\nlead_time = {lead_time}\n"),
    )
}

#[test]
fn a_start_in_the_year_9999_is_refused_at_start() {
    check(
        &minimal_with(&[(3, "start = \"9999-06-01\"")], ""),
        &[
            "bad.toml:3:9: `start` in [scenario]: 9999-06-01 is after the last supported date 9998-12-31",
        ],
    );
}

#[test]
fn a_horizon_running_past_the_last_date_is_refused_at_horizon() {
    check(
        &minimal_with(
            &[(3, "start = \"9998-06-01\""), (4, "horizon = \"450d\"")],
            "",
        ),
        &[
            "bad.toml:4:11: `horizon` in [scenario] (450 days) puts the end of the run after the last supported date 9998-12-31",
        ],
    );
}

#[test]
fn a_run_ending_on_the_last_date_is_accepted_and_runs() {
    // 9998-12-02 + 29 days = 9998-12-31, the last supported date; one day more is refused.
    let text = minimal_with(
        &[(3, "start = \"9998-12-02\""), (4, "horizon = \"29d\"")],
        "",
    );
    let scenario = load_str("edge.toml", &text).expect("the run ends on 9998-12-31");
    assert_eq!(run_two_replications(&scenario), "9998-12-30");
    let text = minimal_with(
        &[(3, "start = \"9998-12-02\""), (4, "horizon = \"30d\"")],
        "",
    );
    assert_eq!(problems(&text).len(), 1);
    // Orders and lead times up to the last date run too.
    let text = with_kit(
        "9998-10-01",
        "30d",
        "{ first = \"9998-09-01\", every = \"1d\", quantity = 2 }",
        "{ dist = \"uniform\", min = \"0d\", max = \"60d\" }",
    );
    let scenario = load_str("edge.toml", &text).expect("within the range");
    assert_eq!(run_two_replications(&scenario), "9998-10-30");
}

#[test]
fn a_huge_order_interval_is_refused_at_every() {
    check(
        &with_kit(
            "2024-01-08",
            "30d",
            "{ first = \"2024-01-08\", every = \"3000000d\", quantity = 1 }",
            "\"20d\"",
        ),
        &[
            "bad.toml:20:43: `every` in element 1 of `orders` in [[kit]] \"k\" (3000000 days) puts the next dispatch after the last supported date 9998-12-31",
        ],
    );
    // An interval longer than the horizon but inside the calendar is a single order.
    let text = with_kit(
        "2024-01-08",
        "30d",
        "{ first = \"2024-01-08\", every = \"2000000d\", quantity = 1 }",
        "\"2d\"",
    );
    let scenario = load_str("edge.toml", &text).expect("a long interval is fine");
    assert_eq!(run_two_replications(&scenario), "2024-02-06");
}

#[test]
fn a_huge_lead_time_is_refused_at_lead_time() {
    // Bounded: the maximum of the triangular distribution.
    check(
        &with_kit(
            "2024-01-08",
            "30d",
            "{ first = \"2024-01-08\", quantity = 1 }",
            "{ dist = \"triangular\", min = \"1d\", mode = \"2d\", max = \"3000000d\" }",
        ),
        &[
            "bad.toml:21:13: `lead_time` in [[kit]] \"k\" (3000000 days) puts a kit arrival after the last supported date 9998-12-31",
        ],
    );
    // Unbounded: the mean plus 20 standard deviations (21 means for an exponential).
    check(
        &with_kit(
            "2024-01-08",
            "30d",
            "{ first = \"2024-01-08\", quantity = 1 }",
            "{ dist = \"exponential\", mean = \"200000d\" }",
        ),
        &[
            "bad.toml:21:13: `lead_time` in [[kit]] \"k\" (4200000 days) puts a kit arrival after the last supported date 9998-12-31",
        ],
    );
    // A normal distribution with an enormous spread is bounded far beyond any date.
    let found = problems(&with_kit(
        "2024-01-08",
        "30d",
        "{ first = \"2024-01-08\", quantity = 1 }",
        "{ dist = \"normal\", mean = \"20d\", sd = \"100000000000000000000d\" }",
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("(more than a billion days)"), "{found:?}");
    // A long but representable lead time is accepted: the kits come after the horizon.
    let text = with_kit(
        "2024-01-08",
        "30d",
        "{ first = \"2024-01-08\", quantity = 5 }",
        "{ dist = \"exponential\", mean = \"100000d\" }",
    );
    let scenario = load_str("edge.toml", &text).expect("representable");
    run_two_replications(&scenario);
}

#[test]
fn a_huge_training_is_refused_at_training() {
    let text = minimal_with(
        &[(14, "[calendar]\nshifts = 1\n\n[release]")],
        "\n[workforce]\nhires = [{ date = \"2024-01-08\", count = 3 }]\ntraining = \"9000000d\"\n",
    );
    check(
        &text,
        &[
            "bad.toml:22:12: `training` in [workforce] (9000000 days) puts the end of the last hire's training after the last supported date 9998-12-31",
        ],
    );
}

#[test]
fn every_written_date_must_be_a_supported_date() {
    let text = minimal_with(
        &[(14, "[calendar]\nholidays = [\"9999-12-31\"]\n\n[release]")],
        "\n[[milestone]]\nid = \"m\"\ncumulative = 1\ndue = \"9999-01-01\"\n",
    );
    check(
        &text,
        &[
            "bad.toml:15:13: `holidays` in [calendar]: 9999-12-31 is after the last supported date 9998-12-31",
            "bad.toml:23:7: `due` in [[milestone]] \"m\": 9999-01-01 is after the last supported date 9998-12-31",
        ],
    );
}

#[test]
fn a_rate_window_longer_than_the_horizon_is_refused() {
    check(
        &minimal_with(
            &[],
            "\n[[milestone]]\nid = \"rate\"\nrate_per_day = 1\nwindow = 4000000000\n",
        ),
        &[
            "bad.toml:20:10: `window` in [[milestone]] \"rate\" is 4000000000 workdays, longer than the horizon",
        ],
    );
}

#[test]
fn empty_stations_or_products_are_refused_where_they_are_emptied() {
    // `product = []` after the [scenario] table would belong to it: write it at the top.
    let text = format!(
        "product = []\n{}",
        MINIMAL.replace("[[product]]\nid = \"car\"\nroute = [\"trim-1\"]\n", "")
    );
    check(
        &text,
        &["bad.toml:1:11: `product` is empty: at least one [[product]] is needed"],
    );
    let text = format!(
        "station = []\n{}",
        MINIMAL.replace("[[station]]\nid = \"trim-1\"\ncycle = \"5min\"\n", "")
    );
    let found = problems(&text);
    assert_eq!(
        found[0],
        "bad.toml:1:11: `station` is empty: at least one [[station]] is needed"
    );
}

#[test]
fn a_variant_that_empties_its_base_arrays_is_refused_in_the_variant() {
    let name = fixture_path("extends/virtual-variant.toml")
        .display()
        .to_string();
    let text = "extends = \"base.toml\"\nproduct = []\nstation = []\n";
    let diagnostics = load_str(&name, text).expect_err("no products, no stations");
    let lines = diagnostics.short_lines();
    assert_eq!(
        lines,
        [
            format!("{name}:2:11: `product` is empty: at least one [[product]] is needed"),
            format!("{name}:3:11: `station` is empty: at least one [[station]] is needed"),
        ]
    );
}

#[test]
fn empty_optional_arrays_are_accepted_and_run() {
    let name = fixture_path("extends/virtual-variant.toml")
        .display()
        .to_string();
    let text = "extends = \"base.toml\"\nmilestone = []\nkit = []\ncrew = []\n";
    let scenario = load_str(&name, text).expect("no milestones, kits or crews is fine");
    assert!(scenario.milestones.is_empty() && scenario.kits.is_empty());
    run_two_replications(&scenario);
    let text = minimal_with(
        &[(14, "[calendar]\nholidays = []\nshutdowns = []\n\n[release]")],
        "\n[[kit]]\nid = \"k\"\norders = []\nshipments = []\n\n[workforce]\nhires = []\n\n[localization]\nthresholds = []\nitem = []\n",
    );
    let scenario = load_str("edge.toml", &text).expect("empty lists are fine");
    run_two_replications(&scenario);
}
