//! `[costs]`: read into the model, rates of zero or more, one currency with the kits.

use relaunch_scenario::load_str;

use crate::support::{check, minimal_with, problems};

const KITS: &str = "[[kit]]\nid = \"a\"\nprice = 1000\ncurrency = \"RUB\"\n\n\
                    [[kit]]\nid = \"b\"\nprice = 12.5\ncurrency = \"USD\"\n\n";

#[test]
fn costs_are_read() {
    let text = minimal_with(
        &[],
        "[costs]\ncurrency = \"RUB\"\nlabour_per_head_day = 6500\nfixed_per_day = 2000000\n\
         carrying_per_year = 0.12\n",
    );
    let scenario = load_str("good.toml", &text).expect("valid");
    let costs = scenario.costs.expect("costs");
    assert_eq!(costs.currency.as_deref(), Some("RUB"));
    assert_eq!(costs.labour_per_head_day, 6500.0);
    assert_eq!(costs.fixed_per_day, 2_000_000.0);
    assert_eq!(costs.carrying_per_year, 0.12);
    // Every key is optional.
    let scenario = load_str("good.toml", &minimal_with(&[], "[costs]\n")).expect("valid");
    assert_eq!(scenario.costs.expect("costs").labour_per_head_day, 0.0);
    assert!(
        load_str("good.toml", &minimal_with(&[], ""))
            .expect("valid")
            .costs
            .is_none()
    );
}

#[test]
fn negative_rates_are_refused_where_they_are_written() {
    // Lines 16.. are appended: [costs] on 16, the rates on 17 and 18.
    let text = minimal_with(
        &[],
        "[costs]\nlabour_per_head_day = -6500\ncarrying_per_year = -0.1\n",
    );
    check(
        &text,
        &[
            "bad.toml:17:23: `labour_per_head_day` in [costs] is -6500, out of range",
            "bad.toml:18:21: `carrying_per_year` in [costs] is -0.1, out of range",
        ],
    );
}

#[test]
fn a_kit_in_another_currency_is_refused_at_its_currency() {
    // Kit "a" (lines 16–19) is in RUB like [costs]; kit "b" (lines 21–24) is in USD.
    let text = minimal_with(&[], &format!("{KITS}[costs]\ncurrency = \"RUB\"\n"));
    check(
        &text,
        &["bad.toml:24:12: [[kit]] \"b\" is priced in USD, but [costs] is in RUB"],
    );
    // Without a currency in [costs], the first priced kit's sets it.
    let text = minimal_with(&[], &format!("{KITS}[costs]\n"));
    check(
        &text,
        &["bad.toml:24:12: [[kit]] \"b\" is priced in USD, but [[kit]] \"a\" is in RUB"],
    );
    // Without [costs], kits may be in any currency (nothing adds them up).
    load_str("good.toml", &minimal_with(&[], KITS)).expect("valid");
}

#[test]
fn the_place_counts_kits_that_did_not_read() {
    // Kit "a" has an unknown kind and is left out of the model; the model check still names
    // kit "b" at its own line (24), not at the position it has among the kits that read.
    let text = minimal_with(
        &[],
        &format!(
            "{}[costs]\ncurrency = \"RUB\"\n",
            KITS.replace("price = 1000\n", "kind = \"SDK\"\n")
        ),
    );
    check(
        &text,
        &[
            "bad.toml:18:8: unknown kit kind `SDK` in `kind` in [[kit]] \"a\"",
            "bad.toml:24:12: [[kit]] \"b\" is priced in USD, but [costs] is in RUB",
        ],
    );
}

#[test]
fn huge_rates_and_prices_are_refused_where_they_are_written() {
    // [costs] on line 16, the rates on 17–19; the kit on 21–23, its price on 23.
    let text = minimal_with(
        &[],
        "[costs]\nlabour_per_head_day = 1e308\nfixed_per_day = 2e12\ncarrying_per_year = 1e300\n\n\
         [[kit]]\nid = \"a\"\nprice = 1e300\n",
    );
    check(
        &text,
        &[
            "bad.toml:17:23: `labour_per_head_day` in [costs] is 1e308, out of range",
            "bad.toml:18:17: `fixed_per_day` in [costs] is 2000000000000, out of range",
            "bad.toml:19:21: `carrying_per_year` in [costs] is 1e300, out of range",
            "bad.toml:23:9: `price` in [[kit]] \"a\" is 1e300, out of range",
        ],
    );
    // The largest values in range are fine on their own.
    let text = minimal_with(
        &[],
        "[costs]\nlabour_per_head_day = 1e12\nfixed_per_day = 1e12\ncarrying_per_year = 10\n",
    );
    load_str("good.toml", &text).expect("valid");
}

#[test]
fn costs_that_could_pass_ten_to_the_eighteen_are_refused_at_the_largest_part() {
    // 30 days; a shipment of 2,000,000 kits at 10^12 each is 2 · 10^18 of kits alone (the
    // price, line 18, is the largest part); carrying 0.1 a year on them adds about 1.6 · 10^16.
    let kit = "[[kit]]\nid = \"a\"\nprice = 1e12\n\
               shipments = [{ arrives = \"2024-01-10\", quantity = 2000000 }]\n\n";
    let text = minimal_with(&[], &format!("{kit}[costs]\ncarrying_per_year = 0.1\n"));
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(
            "bad.toml:18:9: [costs] could add up to 2.016e18 over the horizon \
             (kits of this price alone 2.000e18)"
        ),
        "{found:?}"
    );
    // A tenth of the shipment (2 · 10^17 of kits) is fine.
    let text = text.replace("quantity = 2000000", "quantity = 200000");
    load_str("good.toml", &text).expect("valid");
}
