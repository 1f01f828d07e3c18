//! `[learning]`: the learning curve of cycle times and first-pass yield.

use super::prelude::*;

const LEARNING_MODELS: [&str; 5] = ["none", "crawford", "wright", "stanford-b", "dejong"];

pub(super) fn read_learning(checker: &mut Checker<'_>, root: &TableView<'_>) -> Option<Learning> {
    if root.node("learning").is_none() {
        return Some(Learning::default());
    }
    let (table, location) = section(checker, root, "learning", None)?;
    let view = TableView {
        table,
        location,
        place: "[learning]",
    };
    view.check_keys(checker, KEYS.learning);
    let model_name = optional(checker, &view, "model", |c, n, w| {
        let text = read_string(c, n, w)?;
        if LEARNING_MODELS.contains(&text) {
            return Some(text.to_string());
        }
        let label = match suggest(text, &LEARNING_MODELS) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("expected one of {}", quoted_list(&LEARNING_MODELS)),
        };
        c.error(
            &n.location,
            format!("unknown learning model `{text}` in {w}"),
            label,
        );
        None
    });
    let rate = optional(checker, &view, "rate", |c, n, w| {
        read_number_in(
            c,
            n,
            w,
            &NumberRange {
                minimum: 0.0,
                minimum_included: false,
                maximum: 1.0,
                maximum_included: true,
                description: "a learning rate greater than 0 and at most 1 (0.85 is an 85% curve)",
            },
        )
    });
    let first_unit_factor = optional(checker, &view, "first_unit_factor", |c, n, w| {
        read_number_in(
            c,
            n,
            w,
            &NumberRange {
                minimum: 1.0,
                minimum_included: true,
                maximum: f64::INFINITY,
                maximum_included: false,
                description: "a factor of 1 or more",
            },
        )
    });
    let model_name = model_name.map(|name| name.unwrap_or_else(|| "none".to_string()));
    let mut model_specific = |key: &str, model: &str, range: NumberRange| -> Option<f64> {
        let node = view.node(key)?;
        if model_name.as_deref().is_some_and(|name| name != model) {
            checker.error(
                &view
                    .entry(key)
                    .map(|entry| entry.key_location.clone())
                    .unwrap_or_else(|| node.location.clone()),
                format!("`{key}` in [learning] is only for model = \"{model}\""),
                format!("remove it, or set model = \"{model}\""),
            );
            return None;
        }
        read_number_in(checker, node, &view.describe(key), &range)
    };
    let prior_units = model_specific(
        "prior_units",
        "stanford-b",
        NumberRange {
            minimum: 0.0,
            minimum_included: true,
            maximum: f64::INFINITY,
            maximum_included: false,
            description: "a number of prior units, 0 or more",
        },
    );
    let incompressible = model_specific(
        "incompressible",
        "dejong",
        NumberRange {
            description: "an incompressible fraction from 0 to 1",
            ..PROBABILITY
        },
    );
    let first_pass_yield = optional(checker, &view, "first_pass_yield", |c, n, w| {
        let table = read_table(c, n, w)?;
        let yield_view = TableView {
            table,
            location: &n.location,
            place: w,
        };
        yield_view.check_keys(c, KEYS.first_pass_yield);
        let initial = required(
            c,
            &yield_view,
            "initial",
            "the first-pass yield of unit 1",
            |c, n, w| read_number_in(c, n, w, &PROBABILITY),
        );
        let mature = required(
            c,
            &yield_view,
            "mature",
            "the yield once learned",
            |c, n, w| read_number_in(c, n, w, &PROBABILITY),
        );
        // A yield that falls as the line learns is a model check of `relaunch_core::check`.
        Some(Yield {
            initial: initial?,
            mature: mature?,
        })
    });
    let model = match model_name?.as_str() {
        "crawford" => LearningModel::Crawford,
        "wright" => LearningModel::Wright,
        "stanford-b" => LearningModel::StanfordB {
            prior_units: prior_units.unwrap_or(0.0),
        },
        "dejong" => LearningModel::DeJong {
            incompressible: incompressible.unwrap_or(0.0),
        },
        _ => LearningModel::None,
    };
    if (view.node("prior_units").is_some() && prior_units.is_none())
        || (view.node("incompressible").is_some() && incompressible.is_none())
    {
        return None;
    }
    Some(Learning {
        model,
        rate: rate?.unwrap_or(1.0),
        first_unit_factor: first_unit_factor?.unwrap_or(1.0),
        first_pass_yield: first_pass_yield?,
    })
}
