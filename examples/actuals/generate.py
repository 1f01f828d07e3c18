#!/usr/bin/env python3
"""Writes the example actuals of examples/kaluga.toml and examples/moskvich.toml.

    python3 examples/actuals/generate.py        # from the repository root, or from anywhere

Writes kaluga.csv (through 2024-04-30), kaluga-week-19.csv (the next week's report with one
correction) and moskvich.csv (through 2022-12-09) beside this script. kaluga.xlsx holds the rows
of kaluga.csv; regenerate it after this script with

    cargo test -p relaunch-scenario --test actuals -- --ignored regenerate_kaluga_xlsx

Standard library only. The figures come from /work/shared/domain-facts.md (the press figures
the example scenarios cite): a row whose figure was reported says `reported: ...` and its
source; a daily figure between two reported points says `interpolated between ... and ...`
(linear in the scenario's workdays, cumulative totals rounded down); everything else says
`estimate: ...` and why. The workdays, holidays and shutdowns are read from the scenarios, so
no row falls on a day the plant is closed.
"""

import csv
import datetime as dt
import math
import pathlib
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
EXAMPLES = HERE.parent
DAY = dt.timedelta(days=1)
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
HEADER = ["date", "metric", "item", "value", "note"]
METRIC_ORDER = [
    "released", "good", "scrapped", "reworked", "kits_received", "kits_ordered",
    "hired", "left", "task_done", "task_started",
]


def d(text):
    return dt.date.fromisoformat(text)


class Calendar:
    """The scenario's workdays: its weekdays, less holidays and shutdowns."""

    def __init__(self, scenario):
        with open(EXAMPLES / scenario, "rb") as file:
            calendar = tomllib.load(file)["calendar"]
        self.weekdays = {WEEKDAYS.index(day) for day in calendar["workdays"]}
        self.holidays = {d(day) for day in calendar.get("holidays", [])}
        self.shutdowns = [(d(s["from"]), d(s["to"])) for s in calendar.get("shutdowns", [])]

    def is_workday(self, day):
        return (
            day.weekday() in self.weekdays
            and day not in self.holidays
            and not any(start <= day <= end for start, end in self.shutdowns)
        )

    def workdays(self, first, last):
        """The workdays from `first` to `last`, both included."""
        day, days = first, []
        while day <= last:
            if self.is_workday(day):
                days.append(day)
            day += DAY
        return days


def interpolate(calendar, start, end, total, note):
    """Daily figures from the day after `start` to `end` whose sum climbs linearly in workdays
    from 0 to `total`; each day's figure is the rise of the cumulative total rounded down."""
    days = calendar.workdays(start + DAY, end)
    figures, previous = [], 0
    for index, day in enumerate(days, start=1):
        cumulative = math.floor(total * index / len(days))
        figures.append((day, cumulative - previous, note))
        previous = cumulative
    return figures


class Rows:
    def __init__(self):
        self.rows = {}

    def add(self, day, metric, item, value, note):
        key = (day, metric, item)
        assert key not in self.rows, key
        assert metric in METRIC_ORDER, metric
        self.rows[key] = (value, note)

    def between(self, first, last):
        return {key: row for key, row in self.rows.items() if first <= key[0] <= last}

    @staticmethod
    def write(path, rows, comment):
        ordered = sorted(rows.items(), key=lambda kv: (kv[0][0], METRIC_ORDER.index(kv[0][1]), kv[0][2]))
        with open(path, "w", newline="", encoding="utf-8") as file:
            for line in comment.strip().splitlines():
                file.write(f"# {line}\n")
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(HEADER)
            for (day, metric, item), (value, note) in ordered:
                writer.writerow([day.isoformat(), metric, item, value, note])


def releases_ahead_of(calendar, good, item, rows, last_day, note):
    """Units are started the workday before they come off the line: each day's `released` is
    the next workday's `good`, so the line holds about one day's output; on the first day the
    line is filled with that day's output too."""
    days = sorted(good)
    for index, day in enumerate(days[:-1]):
        if day > last_day:
            break
        value = good[days[index + 1]] + (good[day] if index == 0 else 0)
        this_note = note + ("; the first day fills the line as well" if index == 0 else "")
        rows.add(day, "released", item, value, this_note)


def first_pass_failures(good, cumulative_before, first_yield, mature_yield, halfway):
    """Cars failing the end-of-line test (sent to rework, then good): the day's good cars times
    one minus a first-pass yield that rises from `first_yield` toward `mature_yield`, half-way
    after `halfway` cars."""
    failures, cumulative = {}, cumulative_before
    for day in sorted(good):
        cumulative += good[day]
        yield_now = mature_yield - (mature_yield - first_yield) * halfway / (halfway + cumulative)
        failures[day] = round(good[day] * (1 - yield_now))
    return failures


def kaluga():
    calendar = Calendar("kaluga.toml")
    rows = Rows()
    facts = "domain-facts.md, Kaluga"
    # People: the scenario's hiring plan; no headcount of the restart line was published.
    rows.add(d("2023-10-02"), "hired", "", 30, "estimate: the scenario's first hires (no public headcount for the restart line)")
    rows.add(d("2024-01-19"), "left", "", 1, "estimate: attrition about 12 % a year")
    rows.add(d("2024-02-12"), "hired", "", 1, "estimate: the leaver of 2024-01-19 replaced after about three weeks")
    rows.add(d("2024-04-05"), "left", "", 1, "estimate: attrition about 12 % a year")
    # The programme.
    rows.add(d("2023-10-02"), "task_started", "recommissioning", 1, "estimate: the line, idle since April 2022, re-commissioned from the scenario's start")
    rows.add(d("2023-10-02"), "task_started", "kits-contract", 1, "estimate: talks with the kit partner from the scenario's start")
    rows.add(d("2023-10-19"), "task_done", "kits-contract", 1, "estimate: 50 days before the first kits arrived (rail and customs)")
    rows.add(d("2023-12-12"), "task_done", "recommissioning", 1, "estimate: the day before the first pilot start")
    rows.add(d("2023-12-12"), "task_done", "pilot-ready", 1, "estimate: line ready and the first kits in the plant")
    rows.add(d("2023-12-13"), "task_started", "pilot-build", 1, "estimate: first pilot start; launch ceremony on 19 Dec (" + facts + ")")
    rows.add(d("2023-12-26"), "task_done", "pilot-build", 1, "estimate: the 50th pilot start; 48 pilot cars at the end of Dec 2023 (" + facts + ")")
    rows.add(d("2023-12-27"), "task_started", "certification", 1, "estimate: certification from the 48 pilot cars")
    rows.add(d("2024-03-25"), "task_done", "certification", 1, "reported: serial production from 26-27 March 2024 (" + facts + ")")
    # Kits.
    rows.add(d("2023-11-13"), "kits_ordered", "crossover-skd4", 12, "estimate: the rest of the pilot kits (the scenario's order)")
    rows.add(d("2023-12-08"), "kits_received", "crossover-skd4", 42, "reported: at least 42 kits from Dongfeng Peugeot-Citroen imported in Dec 2023 (" + facts + "); the day is an estimate")
    rows.add(d("2023-12-14"), "kits_received", "crossover-skd4", 12, "estimate: the pilot order of 2023-11-13 after 31 days")
    rows.add(d("2024-01-29"), "kits_ordered", "crossover-skd4", 100, "estimate: the first serial kits, ordered before Lunar New Year (the scenario's order)")
    rows.add(d("2024-03-18"), "kits_received", "crossover-skd4", 100, "reported: serial production started from 100 kits (" + facts + "); the arrival day is an estimate")
    for order in [d("2024-02-26") + 7 * DAY * week for week in range(11)]:
        rows.add(order, "kits_ordered", "crossover-skd4", 80, "estimate: the scenario's weekly order for one shift")
        arrival = order + 30 * DAY
        while not calendar.is_workday(arrival):
            arrival += DAY
        rows.add(arrival, "kits_received", "crossover-skd4", 80, f"estimate: the order of {order.isoformat()} after about 30 days by rail")
    # The pilot: 50 starts (5 a workday over 10 workdays) for 48 good cars, 2 scrapped.
    pilot_start = d("2023-12-13")
    pilot_days = calendar.workdays(pilot_start, d("2023-12-26"))
    assert len(pilot_days) == 10, pilot_days
    for day in pilot_days:
        rows.add(day, "released", "crossover", 5, "estimate: the scenario's pilot plan, 5 starts a workday for 10 workdays")
    pilot_note = "interpolated between the first pilot start (2023-12-13, 0 cars) and 48 pilot cars reported at the end of Dec 2023 (2023-12-29, " + facts + ")"
    good = {}
    for day, value, _ in interpolate(calendar, pilot_start, d("2023-12-29"), 48, pilot_note):
        good[day] = value
    last_pilot_day = max(good)
    rows.add(d("2023-12-20"), "scrapped", "crossover", 1, "estimate: 50 pilot starts for 48 good cars")
    rows.add(d("2023-12-27"), "scrapped", "crossover", 1, "estimate: 50 pilot starts for 48 good cars")
    for day, value in good.items():
        note = pilot_note
        if day == last_pilot_day:
            note = "reported: 48 pilot cars built at the end of Dec 2023 (" + facts + "); this day completes the 48"
        rows.add(day, "good", "crossover", value, note)
    for day, value in first_pass_failures(good, 0, 0.70, 0.95, 50).items():
        rows.add(day, "reworked", "crossover", value, "estimate: cars failing the end-of-line test, from the scenario's first-pass yield 0.70 rising to 0.95")
    # Serial production: about 1,500 cars in 2024 from the start on 26 March.
    serial_note = "interpolated between the serial start (2024-03-25, 0 cars) and about 1,500 cars in 2024 (2024-12-31, " + facts + ")"
    serial = {day: value for day, value, _ in interpolate(calendar, d("2024-03-25"), d("2024-12-31"), 1500, serial_note)}
    cutoff = d("2024-05-08")  # the end of the week-19 report; kaluga.csv stops at 2024-04-30
    serial = {day: value for day, value in serial.items() if day <= cutoff + 7 * DAY}
    for day, value in serial.items():
        if day <= cutoff:
            rows.add(day, "good", "crossover", value, serial_note)
    releases_ahead_of(calendar, serial, "crossover", rows, cutoff, "estimate: started the workday before they came off the line (the next workday's good cars)")
    failures = first_pass_failures(serial, 48, 0.70, 0.95, 50)
    for day, value in failures.items():
        if day <= cutoff:
            rows.add(day, "reworked", "crossover", value, "estimate: cars failing the end-of-line test, from the scenario's first-pass yield 0.70 rising to 0.95")

    comment = """Kaluga restart (examples/kaluga.toml): actuals through {last}. Written by generate.py
from the press figures of domain-facts.md; see docs/actuals.md. Do not edit by hand."""
    main = rows.between(d("2023-10-01"), d("2024-04-30"))
    Rows.write(HERE / "kaluga.csv", main, comment.format(last="2024-04-30"))
    week = rows.between(d("2024-05-01"), cutoff)
    # The next week's report corrects one figure of the last one.
    corrected_day = d("2024-04-26")
    value, _ = main[(corrected_day, "good", "crossover")]
    week[(corrected_day, "good", "crossover")] = (value - 1, "corrected: one car of 2024-04-26 failed its final audit and was counted on 2024-05-02 (estimate)")
    value, note = week[(d("2024-05-02"), "good", "crossover")]
    week[(d("2024-05-02"), "good", "crossover")] = (value + 1, note + "; one more car moved from 2024-04-26 (estimate)")
    Rows.write(
        HERE / "kaluga-week-19.csv",
        week,
        """Kaluga restart: the weekly report for 2024-05-01 to 2024-05-08 (ISO week 19), with one
correction of the last report (good cars on 2024-04-26). Written by generate.py.""",
    )
    check_kits(rows.rows, "crossover-skd4", "crossover", 0)


def moskvich():
    calendar = Calendar("moskvich.toml")
    rows = Rows()
    facts = "domain-facts.md, Moscow: Moskvich"
    cutoff = d("2022-12-09")
    rows.add(d("2022-10-17"), "hired", "", 66, "estimate: recalled ex-Renault operators for one shift (the scenario's plan; no public figure)")
    rows.add(d("2022-11-25"), "left", "", 1, "estimate: attrition about 12 % a year")
    kits = {"petrol-kit": (200, [85, 85, 85, 85, 100, 100]), "ev-kit": (100, [43, 43, 43, 43, 50, 50])}
    for kit, (shipment, orders) in kits.items():
        rows.add(d("2022-11-18"), "kits_received", kit, shipment, "estimate: the first shipment of JAC SKD kits before the start of assembly (the scenario's shipment)")
        for week, quantity in enumerate(orders):
            order = d("2022-10-31") + 7 * DAY * week
            rows.add(order, "kits_ordered", kit, quantity, "estimate: the scenario's weekly order")
            arrival = order + 30 * DAY
            if arrival <= cutoff:
                rows.add(arrival, "kits_received", kit, quantity, f"estimate: the order of {order.isoformat()} after 30 days by rail (late-2022 lead times)")
    start = d("2022-11-22")
    first_note = "interpolated between the start of SKD assembly (2022-11-23, " + facts + ") and over 160 cars by early Dec 2022 (taken as 161 on 2022-12-07, " + facts + ")"
    second_note = "interpolated between over 160 cars by early Dec 2022 (161 on 2022-12-07) and the 600 cars of the 2022 plan (2022-12-30, " + facts + ")"
    total = {day: value for day, value, _ in interpolate(calendar, start, d("2022-12-07"), 161, first_note)}
    second = interpolate(calendar, d("2022-12-07"), d("2022-12-30"), 600 - 161, second_note)
    total.update({day: value for day, value, _ in second})
    # The mix: two petrol cars to one electric (the 2022 plan: 400 petrol, 200 electric).
    cumulative, petrol_before = 0, 0
    good = {"moskvich-3": {}, "moskvich-3e": {}}
    for day in sorted(total):
        cumulative += total[day]
        petrol = round(cumulative * 2 / 3)
        good["moskvich-3"][day] = petrol - petrol_before
        good["moskvich-3e"][day] = total[day] - good["moskvich-3"][day]
        petrol_before = petrol
    for product, by_day in good.items():
        for day, value in by_day.items():
            if day > cutoff:
                continue
            note = first_note if day <= d("2022-12-07") else second_note
            if day == d("2022-12-07"):
                note = "reported: over 160 cars built by early December 2022 (" + facts + "); 161 in all on this day"
            rows.add(day, "good", product, value, note + "; split 2:1 petrol to electric as the 2022 plan")
        releases_ahead_of(calendar, by_day, product, rows, cutoff, "estimate: started the workday before they came off the line (the next workday's good cars)")
        for day, value in first_pass_failures(by_day, 0, 0.75, 0.95, 50).items():
            if day <= cutoff:
                rows.add(day, "reworked", product, value, "estimate: cars failing the end-of-line test, from the scenario's first-pass yield 0.75 rising to 0.95")
    Rows.write(
        HERE / "moskvich.csv",
        rows.rows,
        """Moskvich restart (examples/moskvich.toml): actuals through 2022-12-09. Written by
generate.py from the press figures of domain-facts.md; see docs/actuals.md. Do not edit by hand.""",
    )
    check_kits(rows.rows, "petrol-kit", "moskvich-3", 0)
    check_kits(rows.rows, "ev-kit", "moskvich-3e", 0)


def check_kits(rows, kit, product, initial_stock):
    """Kit stock never negative: received (plus the initial stock) is at least released on
    every day."""
    stock = initial_stock
    for day in sorted({key[0] for key in rows}):
        stock += rows.get((day, "kits_received", kit), (0, ""))[0]
        stock -= rows.get((day, "released", product), (0, ""))[0]
        assert stock >= 0, (kit, day, stock)


if __name__ == "__main__":
    kaluga()
    moskvich()
