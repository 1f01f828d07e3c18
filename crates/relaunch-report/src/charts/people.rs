//! The charts of people and money by day: headcount on the payroll and trained, and money spent
//! to date, each as P50 and P10–P90 of each day.

use super::forecast::{HORIZON, OF_EACH_DAY};
use super::{
    Axis, BLUE, BLUE_BAND, ChartKind, ChartSpec, GREEN, GREEN_BAND, closed_spans, day_number,
    fan_values, quantiles,
};
use crate::view::report::ReportView;

/// People on the payroll and trained people at the start of each day; `None` without dates or
/// without a workforce.
pub fn headcount(view: &ReportView) -> Option<ChartSpec> {
    let d = view.document;
    let start = view.start?;
    if d.daily.iter().all(|day| day.payroll.is_none()) {
        return None;
    }
    let mut spec = ChartSpec::new(
        "headcount",
        ChartKind::Headcount,
        "Headcount on the payroll and trained at the start of each day: P10 to P90 band and P50 \
         of each day",
        Axis::date("date"),
        Axis::count("people"),
    )
    .height(280);
    spec.sync = Some(HORIZON.to_string());
    spec.x_values = (0..d.daily.len())
        .map(|i| day_number(start) + i as f64)
        .collect();
    spec.fan(
        &format!("on the payroll {OF_EACH_DAY}"),
        BLUE,
        BLUE_BAND,
        fan_values(d.daily.iter().map(|day| day.payroll.as_ref())),
    );
    spec.fan(
        &format!("trained {OF_EACH_DAY}"),
        GREEN,
        GREEN_BAND,
        fan_values(d.daily.iter().map(|day| day.trained.as_ref())),
    );
    closed_spans(&mut spec, &view.closed_periods);
    Some(spec)
}

/// Money spent from the start to the end of each day; `None` without dates or costs. Amounts
/// are in millions of the currency once the spend reaches ten million.
pub fn cumulative_spend(view: &ReportView) -> Option<ChartSpec> {
    let d = view.document;
    let costs = d.costs.as_ref()?;
    let start = view.start?;
    let max = costs.cumulative_by_day.iter().map(|day| day.p90).max()?;
    let (scale, unit) = if max >= 10_000_000 {
        (1e6, "M ")
    } else {
        (1.0, "")
    };
    let currency = costs.currency.as_deref().unwrap_or("(currency not given)");
    let mut spec = ChartSpec::new(
        "spend",
        ChartKind::Spend,
        "Money spent from the start to the end of each day: P10 to P90 band and P50 of each day",
        Axis::date("date"),
        Axis::count(&format!("spent to date, {unit}{currency}")),
    )
    .height(280);
    spec.sync = Some(HORIZON.to_string());
    spec.x_values = (0..costs.cumulative_by_day.len())
        .map(|i| day_number(start) + i as f64)
        .collect();
    let round = |v: u64| (v as f64 / scale * 100.0).round() / 100.0;
    let fan = quantiles(
        costs
            .cumulative_by_day
            .iter()
            .map(|day| Some([round(day.p10), round(day.p50), round(day.p90)])),
    );
    spec.fan(
        &format!("spent to date {OF_EACH_DAY}"),
        BLUE,
        BLUE_BAND,
        fan,
    );
    closed_spans(&mut spec, &view.closed_periods);
    Some(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ResultDocument;
    use crate::charts::test_support::{scenario, view};
    use relaunch_core::model::{Costs, Hire, Workforce};
    use relaunch_core::montecarlo::forecast;
    use relaunch_core::sim::Relaxations;

    #[test]
    fn headcount_and_spend_follow_the_hires_and_the_costs() {
        let mut scenario = scenario();
        scenario.workforce = Some(Workforce {
            hires: vec![
                Hire {
                    date: jiff::civil::date(2024, 1, 1),
                    count: 30,
                },
                Hire {
                    date: jiff::civil::date(2024, 2, 1),
                    count: 10,
                },
            ],
            training_secs: 10.0 * 86_400.0,
            attrition_per_year: 0.0,
            replace_leavers: None,
            training_capacity: None,
            absenteeism: 0.0,
        });
        scenario.costs = Some(Costs {
            currency: Some("RUB".to_string()),
            labour_per_head_day: 5_000.0,
            fixed_per_day: 1_000_000.0,
            carrying_per_year: 0.0,
        });
        scenario.kits[0].unit_price = Some(100_000.0);
        scenario.kits[0].currency = Some("RUB".to_string());
        let result = forecast(&scenario, 11, 10, Relaxations::default(), &|_| {});
        let d = ResultDocument::new(&scenario, &result, None);
        let view = view(&d, &[]);
        let people = headcount(&view).unwrap();
        let payroll = &people
            .series_named("P50 on the payroll of each day")
            .unwrap()
            .values;
        // 30 hired on day 0, 40 from 1 February (day 31); nobody leaves.
        assert_eq!(payroll[0], Some(30.0));
        assert_eq!(payroll[31], Some(40.0));
        let trained = &people
            .series_named("P50 trained of each day")
            .unwrap()
            .values;
        assert!(trained[0].unwrap() < 30.0 && trained[20] == Some(30.0));
        assert_eq!(people.bands.len(), 2);
        let spend = cumulative_spend(&view).unwrap();
        // Over ten million: millions of roubles on the axis. Day 0 spends the fixed
        // overhead and 30 people's day: 1.15 M.
        assert_eq!(spend.y.label, "spent to date, M RUB");
        let p50 = &spend
            .series_named("P50 spent to date of each day")
            .unwrap()
            .values;
        assert_eq!(p50[0], Some(1.15));
        assert!(p50.windows(2).all(|w| w[0] <= w[1]), "spend never falls");
        // Without a workforce or costs, no chart.
        let plain = crate::charts::test_support::document();
        assert!(headcount(&crate::charts::test_support::view(&plain, &[])).is_none());
        assert!(cumulative_spend(&crate::charts::test_support::view(&plain, &[])).is_none());
    }
}
