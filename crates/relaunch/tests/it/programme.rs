//! The programme on the command line: `simulate --help` names the files a programme adds.

use crate::support::{relaunch, stdout_of};

#[test]
fn help_names_the_programmes_files() {
    let help = stdout_of(&relaunch(&["simulate", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("and tasks.csv and risks.csv when the scenario has a programme"),
        "{help}"
    );
    assert!(help.contains("(with tasks or risks, also tasks.csv and risks.csv)"));
}

/// The fixture of a line gated by its programme (see its comments for the dates).
const GATED: &str = "crates/relaunch/tests/fixtures/programme.toml";

#[test]
fn simulate_prints_and_writes_the_programme() {
    let dir = crate::exports::scratch("programme");
    let text = stdout_of(&relaunch(&[
        "simulate",
        GATED,
        "-n",
        "40",
        "--out",
        dir.to_str().expect("UTF-8 path"),
    ]));
    // The tables after the milestone table: deal and retool are one chain, critical always.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("The critical chain is deal and retool in every run."),
        "{text}"
    );
    assert!(text.contains(
        "task                   start P50  finish P10  finish P50  finish P90  critical\n\
         deal                  2024-01-01  2024-01-14  2024-01-14  2024-01-14      100%\n\
         retool                2024-01-15  2024-01-24  2024-01-24  2024-01-31      100%\n"
    ));
    assert!(text.contains("late-press                   50%"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the output directory")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "daily.csv",
            "milestones.csv",
            "report.html",
            "result.json",
            "result.xlsx",
            "risks.csv",
            "stations.csv",
            "tasks.csv"
        ]
    );
    let tasks = std::fs::read_to_string(dir.join("tasks.csv")).unwrap();
    assert!(tasks.starts_with(
        "id,start_p10,start_p50,start_p90,finish_p10,finish_p50,finish_p90,duration_mean,criticality\n\
         deal,2024-01-01,2024-01-01,2024-01-01,2024-01-14,2024-01-14,2024-01-14,14,1\n\
         retool,2024-01-15,2024-01-15,2024-01-15,2024-01-24,2024-01-24,2024-01-31,"
    ));
    let risks = std::fs::read_to_string(dir.join("risks.csv")).unwrap();
    assert!(risks.starts_with(
        "risk,milestone,probability,occurrence,p50_days,p90_days,on_time_loss\nlate-press,"
    ));
    let report = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(report.contains("<section id=\"programme\""));
    assert!(report.contains("retooled due 28 Jan"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("result.json")).unwrap()).unwrap();
    assert_eq!(json["programme"]["tasks"][1]["start"]["p50"], "2024-01-15");
    assert_eq!(json["milestones"][0]["task"], "retool");
    let _ = std::fs::remove_dir_all(&dir);
}
