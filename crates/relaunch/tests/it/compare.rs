//! `relaunch compare`: the reference and how to choose it, the ranking rule in words and how to
//! choose it, variants without a shared milestone, unreached milestones, and variants that
//! inherit one scenario name through `extends`.

use std::path::{Path, PathBuf};

use crate::exports::scratch;
use crate::support::{relaunch, repo_root, stdout_of};

/// Writes a variant of `examples/kaluga.toml` (so it inherits its scenario name) whose only
/// milestones are `milestones` (TOML), and returns its path.
fn variant(dir: &Path, stem: &str, milestones: &str) -> PathBuf {
    let base = repo_root().join("examples/kaluga.toml");
    let base = base.canonicalize().expect("the example exists");
    let path = dir.join(format!("{stem}.toml"));
    let text = format!("extends = {:?}\n\n{milestones}", base.display().to_string());
    std::fs::write(&path, text).expect("a fixture");
    path
}

/// A pilot of `units` cars due by the end of 2023 and a milestone no run reaches.
fn pilot_and_never(units: u32) -> String {
    format!(
        "[[milestone]]\nid = \"pilot\"\ncumulative = {units}\ndue = \"2023-12-31\"\n\n\
         [[milestone]]\nid = \"never\"\ncumulative = 99999999\n"
    )
}

/// Runs `compare` on `files` with a few replications and `extra` flags.
fn compare(files: &[&Path], extra: &[&str]) -> std::process::Output {
    let mut args: Vec<String> = vec!["compare".into()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(["--replications", "6", "--seed", "5"].map(String::from));
    args.extend(extra.iter().map(|s| s.to_string()));
    relaunch(&args)
}

/// The lines of the section of milestone `id` in the text output.
fn section<'a>(text: &'a str, id: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(id))
        .skip(2)
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn variants_inheriting_one_name_keep_their_own_targets() {
    let dir = scratch("compare-inherit");
    let a = variant(&dir, "a", &pilot_and_never(61));
    let b = variant(&dir, "b", &pilot_and_never(77));
    let out = dir.join("out");
    let out_arg = out.display().to_string();
    stdout_of(&compare(&[&a, &b], &["--out", &out_arg]));
    let report = |name: &str| std::fs::read_to_string(out.join(name)).expect(name);
    let (a_html, b_html) = (report("a.report.html"), report("b.report.html"));
    assert!(a_html.contains("<td>61 units</td>"), "a keeps its target");
    assert!(b_html.contains("<td>77 units</td>"), "b keeps its target");
    assert!(
        !b_html.contains("<td>61 units</td>"),
        "b was paired with a's scenario"
    );
    // Every variant also gets its milestones CSV and workbook.
    for name in [
        "a.milestones.csv",
        "b.milestones.csv",
        "a.result.xlsx",
        "b.result.xlsx",
    ] {
        assert!(out.join(name).is_file(), "{name} missing");
    }

    // The shared scenario name cannot pick a reference; the file stem can.
    let name = "Kaluga restart: SKD-4 crossover, pilot then serial production";
    let ambiguous = compare(&[&a, &b], &["--reference", name]);
    assert_eq!(ambiguous.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&ambiguous.stderr);
    assert!(
        stderr.contains("2 variants have this scenario name"),
        "{stderr}"
    );
}

#[test]
fn the_reference_is_stated_and_can_be_chosen() {
    let dir = scratch("compare-reference");
    let a = variant(&dir, "a", &pilot_and_never(48));
    let b = variant(&dir, "b", &pilot_and_never(60));
    let text = stdout_of(&compare(&[&a, &b], &[]));
    assert!(
        text.contains("Reference: a (the first file given; --reference ID picks another)"),
        "{text}"
    );
    let rows = section(&text, "pilot");
    assert!(rows[0].trim_start().starts_with("a ") && rows[0].ends_with("reference"));

    let text = stdout_of(&compare(&[&a, &b], &["--reference", "b"]));
    assert!(
        text.contains("Reference: b (chosen with --reference, listed first)"),
        "{text}"
    );
    let rows = section(&text, "pilot");
    assert!(rows[0].trim_start().starts_with("b ") && rows[0].ends_with("reference"));
    assert!(text.contains("Δ vs b, days"));
    let json = stdout_of(&compare(&[&a, &b], &["--reference", "b", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["reference"], "b");
    assert_eq!(json["variants"][0]["name"], "b");

    // Without --seed, the seed is the first file's whichever variant is the reference.
    let c = variant(
        &dir,
        "c",
        &format!("[scenario]\nseed = 99\n\n{}", pilot_and_never(60)),
    );
    let seed_of = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "compare",
            a.to_str().unwrap(),
            c.to_str().unwrap(),
            "-n",
            "3",
        ];
        args.extend_from_slice(extra);
        args.push("--json");
        let json: serde_json::Value =
            serde_json::from_str(&stdout_of(&relaunch(&args))).expect("JSON");
        json["seed"].clone()
    };
    let kaluga_seed = seed_of(&[]);
    assert_ne!(kaluga_seed, 99);
    assert_eq!(seed_of(&["--reference", "c"]), kaluga_seed);

    let unknown = compare(&[&a, &b], &["--reference", "zzz"]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("`--reference zzz` names no variant"),
        "{stderr}"
    );
    assert!(stderr.contains("a, b"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn the_ranking_rule_is_stated_and_selectable() {
    let dir = scratch("compare-ranking");
    let a = variant(&dir, "a", &pilot_and_never(48));
    let b = variant(&dir, "b", &pilot_and_never(300));
    let text = stdout_of(&compare(&[&a, &b], &[]));
    // The default: the last shared milestone any variant reaches (not `never`).
    assert!(
        text.contains("Ranking, best first, by the P50 date of pilot (earlier is better"),
        "{text}"
    );
    let ranking: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Ranking"))
        .filter(|l| l.starts_with("  1.") || l.starts_with("  2."))
        .collect();
    assert_eq!(ranking, ["  1. a", "  2. b"]);

    let text = stdout_of(&compare(
        &[&a, &b],
        &["--rank-by", "p90", "--milestone", "pilot"],
    ));
    assert!(text.contains("by the P90 date of pilot"), "{text}");
    let text = stdout_of(&compare(&[&a, &b], &["--rank-by", "on-time"]));
    assert!(
        text.contains("by the on-time probability of pilot"),
        "{text}"
    );

    // A ranking milestone the variants lack, or without a due date for on-time: exit 2.
    let missing = compare(&[&a, &b], &["--milestone", "nope"]);
    assert_eq!(missing.status.code(), Some(2));
    let undated = compare(&[&a, &b], &["--rank-by", "on-time", "--milestone", "never"]);
    assert_eq!(undated.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&undated.stderr).contains("no due date"));
}

#[test]
fn variants_sharing_no_milestone_get_a_warning_not_a_ranking() {
    let dir = scratch("compare-no-shared");
    let a = variant(
        &dir,
        "a",
        "[[milestone]]\nid = \"first-48\"\ncumulative = 48\n",
    );
    let b = variant(
        &dir,
        "b",
        "[[milestone]]\nid = \"first-60\"\ncumulative = 60\n",
    );
    let output = compare(&[&a, &b], &[]);
    let text = stdout_of(&output);
    assert!(
        text.contains("warning: no ranking: the variants share no milestone"),
        "{text}"
    );
    assert!(text.contains("No ranking"));
    assert!(!text.contains("  1. "));
    // Each milestone still has its table; the other variant says it lacks it.
    assert!(text.contains("b                      has no milestone first-48"));
    let json = stdout_of(&compare(&[&a, &b], &["--json"]));
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["ranking"], serde_json::json!([]));
    assert!(
        json["warnings"][0]
            .as_str()
            .expect("a warning")
            .contains("share no milestone")
    );
}

#[test]
fn unreached_milestones_show_a_dash_not_zero() {
    let dir = scratch("compare-unreached");
    let a = variant(&dir, "a", &pilot_and_never(48));
    let b = variant(&dir, "b", &pilot_and_never(60));
    let text = stdout_of(&compare(&[&a, &b], &[]));
    let rows = section(&text, "never");
    assert_eq!(rows.len(), 2, "{text}");
    for row in &rows {
        assert!(!row.contains("0.0"), "{row}");
        assert!(row.contains('—'), "{row}");
    }
    assert!(rows[1].ends_with("—"), "{}", rows[1]);
    // Counts print without ".0"; throughput is named as in `simulate`.
    assert!(text.contains("good units per scheduled hour"));
    let json = stdout_of(&compare(&[&a, &b], &["--json"]));
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let never = &json["variants"][1]["milestones"][1];
    assert_eq!(never["id"], "never");
    assert!(never["difference_days"].is_null() && never["p50"].is_null());
}

#[test]
fn help_names_the_reference_and_the_glob_order() {
    let help = stdout_of(&relaunch(&["compare", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("The reference is the first file given unless --reference"));
    assert!(help.contains("`moskvich-*.toml` gives byd, faw, jac"));
    assert!(help.contains("--rank-by <RANK_BY>"));
    assert!(help.contains("--milestone <ID>"));
}

#[test]
fn ranking_by_cost_puts_the_cheaper_variant_first_and_says_so() {
    // Two Kaluga variants on the same random numbers that differ only in their overhead:
    // `dear` pays 1,500,000 RUB a day more over the 450 days of the horizon, so every run of
    // it costs exactly 450 · 1,500,000 = 675,000,000 RUB more; given first, it still ranks
    // second by cost.
    let dir = scratch("compare-cost");
    let pilot = pilot_and_never(48);
    let cheap = variant(&dir, "cheap", &pilot);
    let dear = variant(
        &dir,
        "dear",
        &format!("{pilot}\n[costs]\nfixed_per_day = 3000000\n"),
    );
    let text = stdout_of(&compare(&[&dear, &cheap], &["--rank-by", "cost"]));
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Ranking, best first, by the P50 total cost over the horizon (lower is better), ties \
             by the P50 date of pilot (earlier is better) (--rank-by cost;"
        ),
        "{text}"
    );
    let ranking: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Ranking"))
        .filter(|l| l.starts_with("  1.") || l.starts_with("  2."))
        .collect();
    assert_eq!(ranking, ["  1. cheap", "  2. dear"]);
    assert!(text.contains(" M RUB"), "{text}");

    let json = compare(&[&dear, &cheap], &["--rank-by", "cost", "--json"]);
    let document: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(document["rank_by"], "cost");
    assert_eq!(document["ranking"], serde_json::json!(["cheap", "dear"]));
    let total = |index: usize| {
        document["variants"][index]["cost"]["total_mean"]
            .as_f64()
            .expect("a total")
    };
    assert_eq!(document["variants"][0]["name"], "dear");
    assert_eq!(document["variants"][0]["cost"]["currency"], "RUB");
    assert!(
        (total(0) - total(1) - 675_000_000.0).abs() < 1.0,
        "{} - {}",
        total(0),
        total(1)
    );
}

#[test]
fn ranking_by_cost_works_when_the_variants_share_no_milestone() {
    // `dear` pays 1,500,000 RUB a day more than Kaluga's overhead; the variants' milestones
    // differ, so only the cost ranks them, and ties would keep the order given.
    let dir = scratch("compare-cost-no-shared");
    let cheap = variant(
        &dir,
        "cheap",
        "[[milestone]]\nid = \"first-48\"\ncumulative = 48\n",
    );
    let dear = variant(
        &dir,
        "dear",
        "[[milestone]]\nid = \"first-60\"\ncumulative = 60\n\n[costs]\nfixed_per_day = 3000000\n",
    );
    let output = compare(&[&dear, &cheap], &["--rank-by", "cost"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = stdout_of(&output);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Ranking, best first, by the P50 total cost over the horizon (lower is better), ties \
             in the order the variants were given, the reference first (they share no milestone)"
        ),
        "{text}"
    );
    assert!(!words.contains("no ranking"), "{text}");
    let ranking: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Ranking"))
        .filter(|l| l.starts_with("  1.") || l.starts_with("  2."))
        .collect();
    assert_eq!(ranking, ["  1. cheap", "  2. dear"]);

    let json = compare(&[&dear, &cheap], &["--rank-by", "cost", "--json"]);
    let document: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(document["ranking"], serde_json::json!(["cheap", "dear"]));
    assert!(document["ranking_milestone"].is_null(), "{document}");
    assert!(
        document["ranking_rule"]
            .as_str()
            .is_some_and(|rule| rule.contains("they share no milestone")),
        "{document}"
    );
    assert_eq!(document["warnings"], serde_json::json!([]));
}

/// The heading of the figures table's cost column and each variant's cell, from the text.
fn cost_column(text: &str) -> (String, Vec<String>) {
    let mut lines = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("variant ") || !l.contains("kit-out days"));
    let header = lines.next().expect("the figures table");
    let heading = header
        .split("localization")
        .nth(1)
        .expect("the cost column")
        .trim()
        .to_string();
    let cells = lines
        .take_while(|l| !l.trim().is_empty() && !l.trim_start().starts_with("throughput:"))
        .map(|l| l.split("  ").last().unwrap_or_default().trim().to_string())
        .collect();
    (heading, cells)
}

#[test]
fn the_cost_column_is_headed_for_what_it_holds() {
    // Kaluga with [costs] twice: every figure is a full total.
    let dir = scratch("compare-cost-column");
    let pilot = pilot_and_never(48);
    let (a, b) = (variant(&dir, "a", &pilot), variant(&dir, "b", &pilot));
    let (heading, cells) = cost_column(&stdout_of(&compare(&[&a, &b], &[])));
    assert_eq!(heading, "cost");
    assert!(
        cells
            .iter()
            .all(|c| c.ends_with(" RUB") && !c.starts_with('(')),
        "{cells:?}"
    );
    // Kaluga without its [costs] table (the file's last) prices its kits all the same: kit
    // spends, without brackets.
    let kaluga = std::fs::read_to_string(repo_root().join("examples/kaluga.toml")).expect("kaluga");
    let unpriced = &kaluga[..kaluga.find("[costs]").expect("Kaluga has [costs]")];
    let (c, d) = (dir.join("c.toml"), dir.join("d.toml"));
    for path in [&c, &d] {
        std::fs::write(path, unpriced).expect("a fixture");
    }
    let (heading, cells) = cost_column(&stdout_of(&compare(&[&c, &d], &[])));
    assert_eq!(heading, "kit spend");
    assert_eq!(cells.len(), 2, "{cells:?}");
    assert!(
        cells
            .iter()
            .all(|c| c.ends_with(" RUB") && !c.starts_with('(')),
        "{cells:?}"
    );
    // `a` has [costs], `c` has not: the kit spend is in brackets under a heading that says so.
    let out = dir.join("mixed");
    let out_arg = out.display().to_string();
    let text = stdout_of(&compare(&[&a, &c], &["--out", &out_arg]));
    let (heading, cells) = cost_column(&text);
    assert_eq!(heading, "cost or (kit spend)");
    assert!(
        !cells[0].starts_with('(') && cells[1].starts_with('('),
        "{cells:?}"
    );
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("not comparable with a total cost"), "{text}");
    let page = std::fs::read_to_string(out.join("compare.html")).expect("compare.html");
    assert!(
        page.contains(">Cost or (kit spend)</th>"),
        "no heading in the page"
    );
    assert!(!page.contains("Cost (kit spend)"), "the old heading");
}
