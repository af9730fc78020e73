"""The planner's "today" is the reader's own calendar date, in every time zone, at both ends of the local day.

A "today" worked out in UTC is invisible on a UTC machine, but just after midnight in Auckland or Kathmandu it is
the day before, and just before midnight in Chicago it is the day after. Each case opens the planner in a browser
context with its own time zone and a pinned clock (Playwright's clock, as tests/site/test_planner.py does), then
checks the form's default refill date and the "today" and "passed" words against hand-written local dates."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

PATH = "refill-planner/"

# (time zone, local wall-clock time, the reader's local date, that date in words,
#  the fill date 90 days before it, the fill date 89 days before it)
# SynchroMed II 20 mL, 1,000 mcg/mL, 200 mcg a day: (20 - 2) x 1000 / 200 = 90 days to the alarm.
CASES = [
    ("Pacific/Auckland", (2027, 1, 1, 0, 5), "2027-01-01", "Friday 1 January 2027", "2026-10-03", "2026-10-04"),
    ("Pacific/Auckland", (2027, 1, 1, 23, 55), "2027-01-01", "Friday 1 January 2027", "2026-10-03", "2026-10-04"),
    ("America/Chicago", (2026, 12, 31, 0, 5), "2026-12-31", "Thursday 31 December 2026", "2026-10-02", "2026-10-03"),
    ("America/Chicago", (2026, 12, 31, 23, 55), "2026-12-31", "Thursday 31 December 2026", "2026-10-02", "2026-10-03"),
    ("Asia/Kathmandu", (2026, 3, 1, 0, 5), "2026-03-01", "Sunday 1 March 2026", "2025-12-01", "2025-12-02"),
    ("Asia/Kathmandu", (2026, 3, 1, 23, 55), "2026-03-01", "Sunday 1 March 2026", "2025-12-01", "2025-12-02"),
]


def _id(case) -> str:
    zone, (_, _, _, hour, minute), *_ = case
    return f"{zone.split('/')[1]}-{hour:02d}{minute:02d}"


@pytest.mark.parametrize("zone, wall, local_date, local_words, filled_90, filled_89", CASES, ids=map(_id, CASES))
def test_today_is_the_local_date(new_context, site_url, zone, wall, local_date, local_words, filled_90, filled_89):
    context = new_context(timezone_id=zone)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=dt.datetime(*wall, tzinfo=ZoneInfo(zone)))
    page.goto(site_url + PATH, wait_until="load")
    planner = page.locator("[data-itb-planner]").first
    field = lambda name: planner.locator(f'[data-field="{name}"]')  # noqa: E731

    # The browser's local wall clock shows that time (ICU may spell the zone's name differently).
    assert page.evaluate("() => [new Date().getHours(), new Date().getMinutes()]") == list(wall[3:])

    # A fresh form's refill date is empty: the reader types it (a date filled in for them could be weeks late).
    assert field("filled").input_value() == ""

    def run(filled: str) -> tuple[str, str]:
        field("pump").select_option("synchromed-ii-20")
        field("concChoice").select_option("1000")
        field("dose").fill("200")
        field("filled").fill(filled)
        planner.get_by_role("button", name="Work out my dates").click()
        dl = planner.locator('[data-role="numbers"]')
        shown = dict(zip(dl.locator("dt").all_inner_texts(), dl.locator("dd").all_inner_texts()))
        box = planner.locator('[data-role="state"]')
        return shown["Low-reservoir alarm"], box.inner_text() if box.is_visible() else ""

    # Filled 90 days ago: the alarm is today, local time.
    alarm, state = run(filled_90)
    assert alarm.startswith(local_words), alarm
    assert "This date is today." in alarm and "passed" not in alarm, alarm
    assert state.startswith("Your alarm date has passed or is today."), state

    # Filled 89 days ago: the alarm is tomorrow, so neither today nor passed.
    alarm, state = run(filled_89)
    assert "This date is today." not in alarm and "This date has passed." not in alarm, alarm
    assert "alarm date has passed" not in state, state

    # Filled today (local): not ahead of today; filled tomorrow (local): the planner says it hasn't happened yet.
    _, state = run(local_date)
    assert "hasn't happened yet" not in state, state
    tomorrow = (dt.date.fromisoformat(local_date) + dt.timedelta(days=1)).isoformat()
    _, state = run(tomorrow)
    assert "hasn't happened yet" in state, state
    assert errors == []
