"""Refill arithmetic (clinical-facts.md §5 and §14), done exactly.

Every quantity is a fractions.Fraction and every floor is taken of an exact rational, so a whole-day
count never loses a day to floating-point error (18 mL x 500 / 300 is exactly 30, never 29.999...).
docs/javascripts/refill-core.js does the same arithmetic on scaled integers; a browser test checks
that the two agree on 1,000+ inputs.

    daily volume  = dose / concentration                       (mL a day)
    days to alarm = (volume filled - alarm volume) x concentration / dose
    days to empty = volume filled x concentration / dose
    refill by     = min(whole days to alarm - margin, upper limit)      (None if that is below 0)

A refill date after the reader's today is judged by one rule, fill_date_check() (refill-core.js: fillAhead):
up to the upper limit ahead, the dates are given with a warning that names the date; further ahead, the date
is refused (a slip of the year would otherwise give dates a year or more late).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Optional, Union

Number = Union[int, float, str, Decimal, Fraction]

# Sanity limits for what a person may type into the planner. They are not clinical limits: they only
# catch typing slips ("absurdly large"). The planner's JavaScript reads these same numbers.
LIMITS = {
    "reservoir": (Fraction(1), Fraction(100)),       # mL
    "vol": (Fraction(1, 1000), Fraction(100)),       # mL
    "alarm": (Fraction(1, 1000), Fraction(100)),     # mL
    "conc": (Fraction(1), Fraction(10000)),          # mcg/mL
    "dose": (Fraction(1), Fraction(10000)),          # mcg a day
    "margin": (Fraction(0), Fraction(90)),           # whole days
}
DECIMALS = 3  # the planner accepts up to 3 decimal places (whole micro-litres)

# When, by the numbers, the pump would have been empty for more than this many days, the planner first asks
# whether it has been refilled since (issue 18: most likely the reader entered an old refill date). Not a clinical
# limit: the advice that follows is the same as for a passed alarm date.
LONG_EMPTY_DAYS = 7


class RefillInputError(ValueError):
    """A value the refill arithmetic cannot use. .field is the planner's parameter name."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def exact(value: Number, field: str = "value") -> Fraction:
    """An exact rational from an int, a decimal string, a Decimal, a Fraction, or a float
    (a float is read by its shortest decimal repr, so 0.048 means 48/1000, not the binary value)."""
    if isinstance(value, bool) or value is None:
        raise RefillInputError(field, f"must be a number (got {value!r})")
    try:
        if isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError
            return Fraction(repr(value))
        return Fraction(value)
    except (ValueError, TypeError, ZeroDivisionError):
        raise RefillInputError(field, f"must be a number (got {value!r})") from None


def daily_volume_ml(dose: Number, conc: Number) -> Fraction:
    """mL a day the pump delivers."""
    return _positive(dose, "dose") / _positive(conc, "conc")


def days_to_alarm(filled_ml: Number, alarm_ml: Number, conc: Number, dose: Number) -> Fraction:
    """Exact days from the refill until the low-reservoir alarm (multiply first, then divide)."""
    filled, alarm = _positive(filled_ml, "vol"), _positive(alarm_ml, "alarm")
    if alarm >= filled:
        raise RefillInputError("alarm", f"the alarm volume ({_show(alarm)} mL) must be less than the "
                                        f"volume filled ({_show(filled)} mL)")
    return (filled - alarm) * _positive(conc, "conc") / _positive(dose, "dose")


def days_to_empty(filled_ml: Number, conc: Number, dose: Number) -> Fraction:
    return _positive(filled_ml, "vol") * _positive(conc, "conc") / _positive(dose, "dose")


def whole_days(days: Fraction) -> int:
    """Whole days, rounded down (math.floor of a Fraction is exact)."""
    return math.floor(days)


def refill_by_days(whole_days_to_alarm: int, margin_days: int, cap_days: int) -> Optional[int]:
    """min(whole days to alarm - margin, cap); None when the alarm comes within the margin."""
    raw = whole_days_to_alarm - margin_days
    if raw < 0:
        return None
    return min(raw, cap_days)


def fill_date_check(filled_on: dt.date, today: dt.date, max_days_ahead: int) -> str:
    """The one rule for a refill date after the reader's today (refill-core.js: fillAhead):
    "" on or before today; "filled_future" 1 to max_days_ahead days ahead (dates with a warning naming the date);
    "filled_too_far" more than that ahead (refused: check the year)."""
    ahead = (filled_on - today).days
    if ahead > max_days_ahead:
        return "filled_too_far"
    return "filled_future" if ahead > 0 else ""


def round_thousandths(value: Fraction) -> int:
    """value x 1000, rounded half up, as an integer (0.2666... -> 267)."""
    scaled = value * 1000
    return math.floor(scaled + Fraction(1, 2))


# One rule for "about N months" (refill-core.js: aboutPhrase). A month is 365.25 / 12 = 487/16 days, a year
# 1461/4 days; the rounding is to the nearest half, so 83, 90 and 100 days read differently.
MONTH_HALF = Fraction(487, 32)    # days in half a month
YEAR_HALF = Fraction(1461, 8)     # days in half a year


def _halves(days: int, half: Fraction) -> int:
    """days / half, rounded to the nearest whole number (halves up)."""
    return math.floor(days / half + Fraction(1, 2))


def _in_halves(halves: int, unit: str) -> str:
    whole, half = divmod(halves, 2)
    if half:
        return f"about {whole} and a half {unit}s"
    return f"about {whole} {unit}" + ("" if whole == 1 else "s")


def about(days: int) -> str:
    """The days in words, one rule:
    - under 14 days: "" (the days say it);
    - under 61 days (2 months): the nearest week, "about 9 weeks";
    - then the nearest half month, "about 2 and a half months" (83 days), "about 3 months" (90),
      "about 3 and a half months" (100), up to 11 and a half;
    - then the nearest half year, "about 1 year", "about 2 and a half years".
    Exact, identical to aboutPhrase() in refill-core.js (a browser test compares them on every day to 800)."""
    if days < 14:
        return ""
    if days < 61:
        return f"about {(days + 3) // 7} weeks"
    months = _halves(days, MONTH_HALF)
    if months < 24:
        return _in_halves(months, "month")
    return _in_halves(_halves(days, YEAR_HALF), "year")


def usual_dose_ranges(ranges: list[tuple[Number, Number]]) -> list[tuple[Fraction, Fraction]]:
    """The union of the usual maintenance ranges, merged into non-overlapping intervals."""
    spans = sorted((exact(lo), exact(hi)) for lo, hi in ranges)
    merged: list[list[Fraction]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def looks_like_mg(dose: Number, usual_ranges) -> bool:
    """True when the dose is below every usual range but x 1000 falls inside one (0.4 -> 400 mcg)."""
    if not usual_ranges:
        return False
    merged = usual_dose_ranges(list(usual_ranges))
    d = exact(dose, "dose")
    return d < merged[0][0] and any(lo <= d * 1000 <= hi for lo, hi in merged)


@dataclass(frozen=True)
class Plan:
    rate_ml_per_day: Fraction
    days_to_alarm_exact: Fraction
    days_to_alarm: int
    days_to_empty_exact: Fraction
    days_to_empty: int
    refill_by_days: Optional[int]
    drug_in_pump_mcg: Fraction
    alarm_date: Optional[dt.date]
    refill_by_date: Optional[dt.date]
    empty_date: Optional[dt.date]
    warnings: tuple[str, ...]


def plan(*, filled_ml: Number, alarm_ml: Number, conc: Number, dose: Number, margin_days: int,
         cap_days: int, reservoir_ml: Optional[Number] = None, min_flow_ml_per_day: Optional[Number] = None,
         filled_on: Optional[dt.date] = None, usual_ranges: tuple = (), limited_above: Optional[Number] = None,
         max_listed_conc: Optional[Number] = None, today: Optional[dt.date] = None) -> Plan:
    """The planner's whole calculation. Raises RefillInputError naming the field for unusable input.

    Warning codes (texts live in render_planner.warnings): filled_future, below_min_flow, capped, within_margin,
    dose_unusual, dose_high, conc_high, margin_zero.

    today (the reader's date) with filled_on: a refill date more than cap_days after today is refused (field
    "filled"); one 1 to cap_days ahead gives the warning filled_future, first (fill_date_check).

    A dose below the usual range that would be a usual dose if read as mg (0.4 -> 400 mcg) is refused
    (field "dose"): it is almost surely milligrams typed into a micrograms field.
    """
    filled, conc_q, dose_q = _positive(filled_ml, "vol"), _positive(conc, "conc"), _positive(dose, "dose")
    if reservoir_ml is not None:
        reservoir = _positive(reservoir_ml, "reservoir")
        if filled > reservoir:
            raise RefillInputError("vol", f"the volume filled ({_show(filled)} mL) is more than the "
                                          f"reservoir holds ({_show(reservoir)} mL)")
    if isinstance(margin_days, bool) or not isinstance(margin_days, int) or margin_days < 0:
        raise RefillInputError("margin", f"must be a whole number of days, 0 or more (got {margin_days!r})")
    exact_alarm = days_to_alarm(filled, alarm_ml, conc_q, dose_q)
    if looks_like_mg(dose_q, usual_ranges):
        raise RefillInputError("dose", f"{_show(dose_q)} mcg a day looks like milligrams: did you mean "
                                       f"{_show(dose_q * 1000)} mcg?")
    exact_empty = days_to_empty(filled, conc_q, dose_q)
    alarm_days, empty_days = whole_days(exact_alarm), whole_days(exact_empty)
    refill_by = refill_by_days(alarm_days, margin_days, cap_days)
    rate = dose_q / conc_q

    ahead = fill_date_check(filled_on, today, cap_days) if filled_on is not None and today is not None else ""
    if ahead == "filled_too_far":
        raise RefillInputError("filled", f"{filled_on.isoformat()} is more than {cap_days} days after today "
                                         f"({today.isoformat()}): check the year")
    warnings = [ahead] if ahead else []
    if min_flow_ml_per_day is not None and rate < exact(min_flow_ml_per_day, "min_flow"):
        warnings.append("below_min_flow")
    if alarm_days - margin_days > cap_days:
        warnings.append("capped")
    if refill_by is None:
        warnings.append("within_margin")
    if usual_ranges and not any(lo <= dose_q <= hi for lo, hi in usual_dose_ranges(list(usual_ranges))):
        warnings.append("dose_unusual")
    elif limited_above is not None and dose_q > exact(limited_above):
        warnings.append("dose_high")
    if max_listed_conc is not None and conc_q > exact(max_listed_conc):
        warnings.append("conc_high")
    if margin_days == 0:
        warnings.append("margin_zero")

    def after(days: Optional[int]) -> Optional[dt.date]:
        return None if filled_on is None or days is None else filled_on + dt.timedelta(days=days)

    return Plan(rate_ml_per_day=rate, days_to_alarm_exact=exact_alarm, days_to_alarm=alarm_days,
                days_to_empty_exact=exact_empty, days_to_empty=empty_days, refill_by_days=refill_by,
                drug_in_pump_mcg=filled * conc_q, alarm_date=after(alarm_days), refill_by_date=after(refill_by),
                empty_date=after(empty_days), warnings=tuple(warnings))


def _positive(value: Number, field: str) -> Fraction:
    q = exact(value, field)
    if q <= 0:
        raise RefillInputError(field, f"must be greater than 0 (got {_show(q)})")
    return q


def _show(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{float(q):g}"
