"""The one date formatter (macros/dates.py): Babel with one pattern per language; hand-written expectations."""
from __future__ import annotations

import datetime as dt

import pytest

from macros.dates import browser_format, long_date


def test_english_dates_are_day_month_year():
    assert long_date(dt.date(2026, 11, 22)) == "22 November 2026"
    assert long_date("2026-08-30", weekday=True) == "Sunday 30 August 2026"
    assert long_date(dt.date(2027, 1, 1)) == "1 January 2027"


def test_spanish_dates():
    assert long_date(dt.date(2026, 8, 30), "es") == "30 de agosto de 2026"
    assert long_date(dt.date(2026, 8, 30), "es", weekday=True) == "domingo, 30 de agosto de 2026"


def test_an_unknown_language_is_one_clear_error():
    with pytest.raises(ValueError, match="no date pattern for language 'fr'"):
        long_date(dt.date(2026, 1, 1), "fr")
    with pytest.raises(ValueError, match="no date pattern for language 'fr'"):
        browser_format("fr")


def test_the_browser_gets_the_same_order():
    assert browser_format("en") == {"locale": "en-US", "date": "{day} {month} {year}",
                                    "weekday": "{weekday} {day} {month} {year}"}
