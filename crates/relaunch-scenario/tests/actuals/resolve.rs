//! Rows resolved against a scenario: an item the scenario lacks is placed at the row's item,
//! with a "did you mean".

use std::sync::OnceLock;

use relaunch_core::Scenario;
use relaunch_core::actuals::Metric;
use relaunch_scenario::{load_file, resolve_actuals};

use crate::support::{Cell, Files, read_csv, summary, write_xlsx};

pub fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

/// The Kaluga example scenario, read once.
pub fn kaluga() -> &'static Scenario {
    static KALUGA: OnceLock<Scenario> = OnceLock::new();
    KALUGA.get_or_init(|| load_file(&example("kaluga.toml")).expect("the Kaluga example loads"))
}

/// The Moskvich example scenario, read once.
pub fn moskvich() -> &'static Scenario {
    static MOSKVICH: OnceLock<Scenario> = OnceLock::new();
    MOSKVICH
        .get_or_init(|| load_file(&example("moskvich.toml")).expect("the Moskvich example loads"))
}

#[test]
fn rows_resolve_to_the_scenarios_items() {
    let file = read_csv(
        "date,metric,item,value\n2024-01-03,good,crossover,6\n2024-01-02,kits_received,crossover-skd4,42\n\
         2024-01-02,hired,,3\n2024-03-25,task_done,certification,1\n",
    );
    let actuals = resolve_actuals(&file, kaluga()).unwrap_or_else(|problems| panic!("{problems}"));
    let records: Vec<_> = actuals
        .records
        .iter()
        .map(|record| {
            (
                record.date.to_string(),
                record.metric,
                record.item,
                record.value,
            )
        })
        .collect();
    let certification = kaluga()
        .programme
        .tasks
        .iter()
        .position(|task| task.id == "certification")
        .expect("the task");
    assert_eq!(
        records,
        vec![
            ("2024-01-02".to_string(), Metric::KitsReceived, 0, 42),
            ("2024-01-02".to_string(), Metric::Hired, 0, 3),
            ("2024-01-03".to_string(), Metric::Good, 0, 6),
            ("2024-03-25".to_string(), Metric::TaskDone, certification, 1),
        ]
    );
}

#[test]
fn an_unknown_item_is_placed_with_a_suggestion() {
    let file = read_csv(
        "date,metric,item,value\n2024-01-02,good,crossover,6\n2024-01-03,good,crosover,6\n\
         2024-01-03,kits_received,crossover,6\n",
    );
    let problems = resolve_actuals(&file, kaluga()).expect_err("refused").0;
    let found: Vec<_> = problems.iter().map(summary).collect();
    assert_eq!(
        found,
        vec![
            (
                3,
                17,
                "`good` needs a product of the scenario as its item, found `crosover`",
                "did you mean `crossover`?"
            ),
            (
                4,
                26,
                "`kits_received` needs a kit of the scenario as its item, found `crossover`",
                "did you mean `crossover-skd4`?"
            ),
        ]
    );
    assert_eq!(problems[0].source_line, "2024-01-03,good,crosover,6");
}

#[test]
fn far_items_list_the_candidates_and_a_scenario_without_tasks_says_so() {
    let file = read_csv(
        "date,metric,item,value\n2024-01-02,good,zzzzzz,6\n2022-12-01,task_done,certification,1\n",
    );
    let problems = resolve_actuals(&file, moskvich()).expect_err("refused").0;
    assert_eq!(problems[0].label, "expected one of moskvich-3, moskvich-3e");
    assert_eq!(problems[1].label, "the scenario has no tasks");
    assert_eq!((problems[1].line, problems[1].column), (3, 22));
}

#[test]
fn an_xlsx_item_is_placed_at_its_sheet_row_and_column() {
    let files = Files::new();
    let path = write_xlsx(
        &files,
        "actuals.xlsx",
        "Actuals",
        &[
            ["date", "metric", "item", "value"].map(Cell::Text).to_vec(),
            vec![
                Cell::Text("2024-01-02"),
                Cell::Text("good"),
                Cell::Text("crosover"),
                Cell::Number(6.0),
            ],
        ],
    );
    let file = relaunch_scenario::read_actuals(&path).expect("reads");
    let problem = resolve_actuals(&file, kaluga())
        .expect_err("refused")
        .0
        .remove(0);
    assert_eq!(
        summary(&problem),
        (
            2,
            3,
            "sheet \"Actuals\" row 2, column C: `good` needs a product of the scenario as its item, found `crosover`",
            "did you mean `crossover`?"
        )
    );
}
