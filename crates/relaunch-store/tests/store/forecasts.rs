//! Forecasts: written whole, read back in the history's order.

use relaunch_store::{MilestoneRecord, NewForecast, StoreError};

use crate::backend::TestStore;
use crate::date;

crate::both!(
    forecasts_come_back_by_as_of_with_their_milestones,
    values_the_store_cannot_keep_are_refused,
    many_milestones_keep_their_order,
);

pub fn forecast(as_of: Option<&str>, seed: u64, document: &str) -> NewForecast {
    NewForecast {
        programme: "kaluga".to_owned(),
        scenario_hash: "h1".to_owned(),
        actuals_hash: as_of.map(|_| "a1".to_owned()).unwrap_or_default(),
        as_of: as_of.map(date),
        seed,
        replications: 1000,
        calibrated: as_of.is_some(),
        kind: if as_of.is_some() {
            "forecast"
        } else {
            "simulate"
        }
        .to_owned(),
        created: "2026-12-07T08:00:00Z".to_owned(),
        document: document.to_owned(),
        milestones: vec![
            MilestoneRecord {
                id: "pilot".to_owned(),
                due: Some(date("2023-12-31")),
                p10: Some(date("2023-12-20")),
                p50: Some(date("2023-12-28")),
                p90: Some(date("2024-01-15")),
                actual: as_of.map(|_| date("2023-12-27")),
                on_time_probability: Some(0.8125),
            },
            MilestoneRecord {
                id: "serial-1500".to_owned(),
                due: None,
                p10: None,
                p50: None,
                p90: None,
                actual: None,
                on_time_probability: None,
            },
        ],
    }
}

fn forecasts_come_back_by_as_of_with_their_milestones(store: &TestStore) {
    let late = store
        .save_forecast(&forecast(Some("2024-02-01"), 7, "{\"late\":1}"))
        .unwrap();
    let plan = store.save_forecast(&forecast(None, 7, "{}")).unwrap();
    let early = store
        .save_forecast(&forecast(
            Some("2024-01-01"),
            u64::try_from(i64::MAX).unwrap(),
            "{\"early\":1}",
        ))
        .unwrap();
    let stored = store.forecasts("kaluga").unwrap();
    let order: Vec<i64> = stored.iter().map(|f| f.id).collect();
    assert_eq!(order, [plan, early, late]);

    let expected = forecast(Some("2024-01-01"), i64::MAX as u64, "");
    let got = &stored[1];
    assert_eq!(
        (
            got.programme.as_str(),
            got.scenario_hash.as_str(),
            got.actuals_hash.as_str(),
            got.as_of,
            got.seed,
            got.replications,
            got.calibrated,
            got.kind.as_str(),
            got.created.as_str(),
        ),
        (
            "kaluga",
            "h1",
            "a1",
            Some(date("2024-01-01")),
            i64::MAX as u64,
            1000,
            true,
            "forecast",
            "2026-12-07T08:00:00Z",
        )
    );
    assert_eq!(got.milestones, expected.milestones);
    assert!(!stored[0].calibrated && stored[0].as_of.is_none());
    assert_eq!(store.forecast_document(late).unwrap(), "{\"late\":1}");
    let missing = store.forecast_document(late + 100).unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)), "{missing}");
    assert!(store.forecasts("moskvich").unwrap().is_empty());
}

fn values_the_store_cannot_keep_are_refused(store: &TestStore) {
    let seed = store
        .save_forecast(&forecast(None, u64::MAX, "{}"))
        .unwrap_err();
    assert!(
        seed.to_string().contains("the seed: 18446744073709551615"),
        "{seed}"
    );
    for probability in [1.5, f64::NAN] {
        let mut bad = forecast(None, 1, "{}");
        bad.milestones[1].on_time_probability = Some(probability);
        let error = store.save_forecast(&bad).unwrap_err();
        assert!(matches!(error, StoreError::Invalid(_)), "{error}");
    }
    let mut bad = forecast(None, 1, "{}");
    bad.created = "2026-12-07".to_owned();
    assert!(store.save_forecast(&bad).is_err());
    assert!(store.forecasts("kaluga").unwrap().is_empty());
    assert!(store.programmes().unwrap().is_empty());
}

fn many_milestones_keep_their_order(store: &TestStore) {
    // 120 milestones: three statements of at most 50, read back in the order given.
    let mut many = forecast(None, 1, "{}");
    let template = many.milestones[0].clone();
    many.milestones = (0..120)
        .map(|i| MilestoneRecord {
            id: format!("m{}", 119 - i),
            on_time_probability: Some(f64::from(i) / 128.0),
            ..template.clone()
        })
        .collect();
    store.save_forecast(&many).unwrap();
    assert_eq!(
        store.forecasts("kaluga").unwrap()[0].milestones,
        many.milestones
    );
}
