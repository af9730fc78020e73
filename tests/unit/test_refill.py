"""The refill arithmetic (macros/refill.py): the fact sheet's worked examples (clinical-facts.md §14),
exactness, edge cases and the warnings."""
from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction

import pytest

from macros.refill import (RefillInputError, about, days_to_alarm, days_to_empty, daily_volume_ml, exact,
                           fill_date_check, plan, refill_by_days, round_thousandths, usual_dose_ranges, whole_days)

USUAL = ((300, 800), (90, 703), (24, 1199))
COMMON = dict(margin_days=7, cap_days=180, usual_ranges=USUAL, limited_above=1000, max_listed_conc=2000)

# §14: (reservoir, fill, alarm, conc, dose, rate, days to alarm exact, floor, days to empty exact, refill by, drug mcg)
WORKED = [
    (40, 40, 2, 2000, 400, Fraction(1, 5), Fraction(190), 190, Fraction(200), 180, 80000),
    (20, 20, 2, 500, 300, Fraction(3, 5), Fraction(30), 30, Fraction(100, 3), 23, 10000),
    (40, 40, 2, 1000, 500, Fraction(1, 2), Fraction(76), 76, Fraction(80), 69, 40000),
    (20, 20, 4, 2000, 800, Fraction(2, 5), Fraction(40), 40, Fraction(50), 33, 40000),
    (20, 20, 2, 2000, 350, Fraction(7, 40), Fraction(720, 7), 102, Fraction(800, 7), 95, 40000),
    (40, 30, 2, 2000, 600, Fraction(3, 10), Fraction(280, 3), 93, Fraction(100), 86, 60000),   # 6: part-filled
    (20, 20, 2, 1000, 400, Fraction(2, 5), Fraction(45), 45, Fraction(50), 38, 20000),        # 7: flex total
    (40, 40, 2, 2000, 90, Fraction(9, 200), Fraction(7600, 9), 844, Fraction(8000, 9), 180, 80000),  # 8
]


@pytest.mark.parametrize("res, fill, alarm, conc, dose, rate, exact_alarm, alarm_days, exact_empty, refill_by, mcg",
                         WORKED, ids=[f"example-{i}" for i in range(1, 9)])
def test_fact_sheet_worked_examples(res, fill, alarm, conc, dose, rate, exact_alarm, alarm_days, exact_empty,
                                    refill_by, mcg):
    p = plan(reservoir_ml=res, filled_ml=fill, alarm_ml=alarm, conc=conc, dose=dose, min_flow_ml_per_day=0.048,
             **COMMON)
    assert p.rate_ml_per_day == rate
    assert p.days_to_alarm_exact == exact_alarm
    assert p.days_to_alarm == alarm_days
    assert p.days_to_empty_exact == exact_empty
    assert p.days_to_empty == whole_days(exact_empty)
    assert p.refill_by_days == refill_by
    assert p.drug_in_pump_mcg == mcg


def test_example_1_is_capped_from_183():
    p = plan(filled_ml=40, alarm_ml=2, conc=2000, dose=400, **COMMON)
    assert p.days_to_alarm - 7 == 183
    assert p.refill_by_days == 180
    assert "capped" in p.warnings


def test_example_8_is_below_the_minimum_flow_and_capped():
    p = plan(reservoir_ml=40, filled_ml=40, alarm_ml=2, conc=2000, dose=90, min_flow_ml_per_day=0.048, **COMMON)
    assert p.warnings[:2] == ("below_min_flow", "capped")
    assert p.rate_ml_per_day == Fraction(45, 1000) < Fraction(48, 1000)


def test_minimum_flow_boundary_is_exact():
    # 0.048 mL a day at 2000 mcg/mL is exactly 96 mcg a day: not below the minimum.
    at = plan(filled_ml=40, alarm_ml=2, conc=2000, dose=96, min_flow_ml_per_day=0.048, **COMMON)
    below = plan(filled_ml=40, alarm_ml=2, conc=2000, dose="95.999", min_flow_ml_per_day=0.048, **COMMON)
    assert "below_min_flow" not in at.warnings
    assert "below_min_flow" in below.warnings


def test_unknown_minimum_flow_gives_no_warning():
    p = plan(filled_ml=20, alarm_ml=2, conc=2000, dose=30, min_flow_ml_per_day=None, **COMMON)
    assert "below_min_flow" not in p.warnings


def test_floors_never_lose_a_day_to_floating_point():
    # 18 / 0.6 and 18 x 500 / 300: exactly 30 (a float path could give 29.999...).
    assert days_to_alarm(20, 2, 500, 300) == 30
    assert days_to_alarm(20.0, 2.0, 500.0, 300.0) == 30
    assert whole_days(days_to_alarm("20", "2", "500", "300")) == 30
    # 0.1 + 0.2 style traps: (2.3 - 0.3) x 3 / 0.6 = 10 exactly
    assert days_to_alarm(2.3, 0.3, 3, 0.6) == 10
    assert whole_days(days_to_alarm(2.3, 0.3, 3, 0.6)) == 10
    # a float read by its decimal repr, not its binary value
    assert exact(0.048) == Fraction(48, 1000)


def test_many_decimal_inputs_floor_like_integer_division():
    rng = random.Random(7)
    for _ in range(5000):
        fill_ul = rng.randint(2, 40000)
        alarm_ul = rng.randint(1, fill_ul - 1)
        conc_m, dose_m = rng.randint(1000, 3_000_000), rng.randint(1000, 2_000_000)
        got = whole_days(days_to_alarm(Fraction(fill_ul, 1000), Fraction(alarm_ul, 1000), Fraction(conc_m, 1000),
                                       Fraction(dose_m, 1000)))
        assert got == (fill_ul - alarm_ul) * conc_m // (1000 * dose_m)


def test_dates_follow_the_whole_days():
    p = plan(filled_ml=20, alarm_ml=2, conc=2000, dose=350, filled_on=dt.date(2026, 11, 20), **COMMON)
    assert p.alarm_date == dt.date(2026, 11, 20) + dt.timedelta(days=102) == dt.date(2027, 3, 2)
    assert p.refill_by_date == dt.date(2027, 2, 23)
    assert p.empty_date == dt.date(2027, 3, 14)


def test_leap_day_is_counted():
    p = plan(filled_ml=20, alarm_ml=2, conc=2000, dose=400, filled_on=dt.date(2028, 1, 1), **COMMON)
    assert p.days_to_alarm == 90
    assert p.alarm_date == dt.date(2028, 3, 31)  # 2028 has 29 February


def test_alarm_within_the_margin_has_no_refill_by_date():
    p = plan(filled_ml=3, alarm_ml=2, conc=500, dose=100, filled_on=dt.date(2026, 1, 1), **COMMON)
    assert p.days_to_alarm == 5
    assert p.refill_by_days is None and p.refill_by_date is None
    assert "within_margin" in p.warnings
    assert refill_by_days(7, 7, 180) == 0
    assert refill_by_days(6, 7, 180) is None


@pytest.mark.parametrize("dose, code", [(23, "dose_unusual"), (24, None), (1000, None), (1001, "dose_high"),
                                        (1199, "dose_high"), (1200, "dose_unusual"), (400, None)])
def test_dose_outside_the_usual_range(dose, code):
    p = plan(filled_ml=20, alarm_ml=2, conc=2000, dose=dose, **COMMON)
    dose_codes = [w for w in p.warnings if w.startswith("dose_")]
    assert dose_codes == ([code] if code else [])


def test_usual_ranges_merge_into_one_union():
    assert usual_dose_ranges([(300, 800), (90, 703), (24, 1199)]) == [(24, 1199)]
    assert usual_dose_ranges([(10, 20), (30, 40), (15, 25)]) == [(10, 25), (30, 40)]
    p = plan(filled_ml=20, alarm_ml=2, conc=2000, dose=28, margin_days=7, cap_days=180,
             usual_ranges=((10, 20), (30, 40), (15, 25)))
    assert p.warnings == ("capped", "dose_unusual")


def test_strength_above_the_strongest_sold():
    assert "conc_high" in plan(filled_ml=20, alarm_ml=2, conc=3000, dose=400, **COMMON).warnings
    assert "conc_high" not in plan(filled_ml=20, alarm_ml=2, conc=2000, dose=400, **COMMON).warnings


@pytest.mark.parametrize("kwargs, field, words", [
    (dict(filled_ml=0), "vol", "greater than 0"),
    (dict(filled_ml=-5), "vol", "greater than 0"),
    (dict(conc=0), "conc", "greater than 0"),
    (dict(dose=-400), "dose", "greater than 0"),
    (dict(dose="four hundred"), "dose", "must be a number"),
    (dict(dose=float("inf")), "dose", "must be a number"),
    (dict(dose=True), "dose", "must be a number"),
    (dict(alarm_ml=20), "alarm", "must be less than the volume filled"),
    (dict(alarm_ml=25), "alarm", "must be less than the volume filled"),
    (dict(filled_ml=30, reservoir_ml=20), "vol", "more than the reservoir holds (20 mL)"),
    (dict(margin_days=-1), "margin", "whole number of days"),
    (dict(margin_days=1.5), "margin", "whole number of days"),
])
def test_unusable_input_names_the_field(kwargs, field, words):
    args = dict(filled_ml=20, alarm_ml=2, conc=2000, dose=400, margin_days=7, cap_days=180)
    args.update(kwargs)
    with pytest.raises(RefillInputError) as exc:
        plan(**args)
    assert exc.value.field == field
    assert words in str(exc.value)


def test_part_filled_pump_uses_the_volume_filled_not_the_reservoir():
    full = plan(reservoir_ml=40, filled_ml=40, alarm_ml=2, conc=2000, dose=600, **COMMON)
    part = plan(reservoir_ml=40, filled_ml=30, alarm_ml=2, conc=2000, dose=600, **COMMON)
    assert (full.days_to_alarm, part.days_to_alarm) == (126, 93)


def test_daily_volume_and_rounding():
    assert daily_volume_ml(400, 1500) == Fraction(4, 15)
    assert round_thousandths(Fraction(4, 15)) == 267
    assert round_thousandths(Fraction(1, 2000)) == 1   # 0.0005 rounds half up
    assert round_thousandths(Fraction(7, 40)) == 175
    assert days_to_empty(20, 500, 300) == Fraction(100, 3)


@pytest.mark.parametrize("days, words", [
    (0, ""), (13, ""), (14, "about 2 weeks"), (45, "about 6 weeks"), (55, "about 8 weeks"), (60, "about 9 weeks"),
    (61, "about 2 months"), (76, "about 2 and a half months"),
    # issue 18: 83, 90 and 100 days no longer all read "about 3 months"
    (83, "about 2 and a half months"), (90, "about 3 months"), (100, "about 3 and a half months"),
    (180, "about 6 months"), (190, "about 6 months"), (357, "about 11 and a half months"), (358, "about 1 year"),
    (365, "about 1 year"), (500, "about 1 and a half years"), (760, "about 2 years"), (844, "about 2 and a half years"),
])
def test_about_phrase(days, words):
    assert about(days) == words


# ---------------------------------------------------------------- a refill date after the reader's today (issue 23)

TODAY = dt.date(2026, 12, 3)   # the "today"


@pytest.mark.parametrize("filled, code", [
    (dt.date(2026, 11, 20), ""),                  # the refill that really happened
    (TODAY, ""),                                  # today is not "after today"
    (dt.date(2026, 12, 4), "filled_future"),      # tomorrow
    (dt.date(2026, 12, 19), "filled_future"),
    (TODAY + dt.timedelta(days=180), "filled_future"),    # exactly the cap ahead: still shown, with the warning
    (TODAY + dt.timedelta(days=181), "filled_too_far"),   # one day more: refused
    (dt.date(2027, 11, 20), "filled_too_far"),    # the one-key year slip
    (dt.date(2036, 11, 20), "filled_too_far"),
])
def test_the_one_rule_for_a_refill_date_after_today(filled, code):
    assert fill_date_check(filled, TODAY, 180) == code


def test_the_rule_reads_the_limit_it_is_given():
    assert fill_date_check(TODAY + dt.timedelta(days=30), TODAY, 30) == "filled_future"
    assert fill_date_check(TODAY + dt.timedelta(days=31), TODAY, 30) == "filled_too_far"
    assert fill_date_check(TODAY + dt.timedelta(days=365), TODAY, 400) == "filled_future"


def test_plan_refuses_a_refill_date_more_than_the_cap_ahead():
    with pytest.raises(RefillInputError) as exc:
        plan(filled_ml=20, alarm_ml=2, conc=2000, dose=400, filled_on=dt.date(2027, 11, 20), today=TODAY, **COMMON)
    assert exc.value.field == "filled"
    assert "more than 180 days after today" in str(exc.value) and "check the year" in str(exc.value)
    with pytest.raises(RefillInputError):    # the cap comes from the caller (data/refill.yml), not a typed 180
        plan(filled_ml=20, alarm_ml=2, conc=2000, dose=400, filled_on=TODAY + dt.timedelta(days=91), today=TODAY,
             **dict(COMMON, cap_days=90))


def test_plan_leads_with_a_warning_for_a_refill_date_ahead():
    p = plan(filled_ml=20, alarm_ml=2, conc=2000, dose=400, filled_on=dt.date(2026, 12, 19), today=TODAY, **COMMON)
    assert p.warnings[0] == "filled_future"
    assert p.refill_by_date == dt.date(2026, 12, 19) + dt.timedelta(days=83)   # the dates start from it
    capped = plan(filled_ml=40, alarm_ml=2, conc=2000, dose=400, filled_on=TODAY + dt.timedelta(days=180),
                  today=TODAY, **COMMON)
    assert capped.warnings == ("filled_future", "capped")


def test_plan_without_today_or_with_a_past_date_gives_no_date_warning():
    assert "filled_future" not in plan(filled_ml=20, alarm_ml=2, conc=2000, dose=400,
                                       filled_on=dt.date(2036, 11, 20), **COMMON).warnings
    p = plan(filled_ml=20, alarm_ml=2, conc=2000, dose=400, filled_on=dt.date(2026, 11, 20), today=TODAY, **COMMON)
    assert p.warnings == ()


@pytest.mark.parametrize("zone, today, filled_tomorrow_code, cap_day_code", [
    ("Pacific/Auckland", dt.date(2026, 12, 2), "", "filled_future"),
    ("America/Chicago", dt.date(2026, 12, 1), "filled_future", "filled_too_far"),
])
def test_today_is_the_readers_own_date_in_each_time_zone(zone, today, filled_tomorrow_code, cap_day_code):
    """One instant, two calendar dates: the rule counts from the date where the reader is."""
    from zoneinfo import ZoneInfo
    instant = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone.utc)
    local = instant.astimezone(ZoneInfo(zone)).date()
    assert local == today
    assert fill_date_check(dt.date(2026, 12, 2), local, 180) == filled_tomorrow_code
    assert fill_date_check(dt.date(2027, 5, 31), local, 180) == cap_day_code


def test_about_phrase_never_repeats_across_a_half_month_step():
    """Every phrase from 61 days on names a half month or half year, and days further apart never read the same."""
    seen = {}
    for days in range(61, 2000):
        seen.setdefault(about(days), []).append(days)
    assert all(max(ds) - min(ds) <= 15 for p, ds in seen.items() if "month" in p)   # a half month is 15.2 days
    assert len({about(83), about(90), about(100)}) == 3
