"""macros/clock.py: ITB_TODAY, else SOURCE_DATE_EPOCH, else the real date; a bad setting is one clear error."""
import datetime as dt

import pytest

from macros.clock import ClockError, today


def test_itb_today_wins():
    assert today({"ITB_TODAY": "2026-12-01", "SOURCE_DATE_EPOCH": "0"}) == dt.date(2026, 12, 1)


def test_source_date_epoch_next():
    assert today({"SOURCE_DATE_EPOCH": "1795305600"}) == dt.date(2026, 11, 22)
    assert today({"ITB_TODAY": "", "SOURCE_DATE_EPOCH": "86399"}) == dt.date(1970, 1, 1)  # UTC, not local time


def test_otherwise_the_real_date():
    assert today({}) == dt.date.today()


@pytest.mark.parametrize("env, message", [
    ({"ITB_TODAY": "01/12/2026"}, "ITB_TODAY must be a date like 2026-12-01 (got '01/12/2026')"),
    ({"ITB_TODAY": "2026-02-30"}, "ITB_TODAY must be a date like 2026-12-01 (got '2026-02-30')"),
    ({"SOURCE_DATE_EPOCH": "yesterday"}, "SOURCE_DATE_EPOCH must be whole seconds since 1970 (got 'yesterday')"),
    ({"SOURCE_DATE_EPOCH": "1.5"}, "SOURCE_DATE_EPOCH must be whole seconds since 1970 (got '1.5')"),
])
def test_a_bad_setting_is_an_error(env, message):
    with pytest.raises(ClockError) as exc:
        today(env)
    assert str(exc.value) == message


def test_the_session_runs_on_the_pinned_date():
    """tests/conftest.py pins ITB_TODAY for the whole run (builds, PDFs, anything that asks the clock)."""
    assert today() == dt.date(2026, 12, 1)
