import datetime as dt

from macros.page_checks import front_matter_problems

TODAY = dt.date(2026, 11, 22)
GOOD = {"description": "A description that is long enough to be useful.", "last_checked": dt.date(2026, 11, 1),
        "next_review": dt.date(2027, 11, 1), "sources": ["L1"]}


def problems(**changes):
    meta = {**GOOD, **changes}
    meta = {k: v for k, v in meta.items() if v is not None}
    return front_matter_problems(meta, "x.md", {"L1", "D1"}, TODAY)


def test_good_front_matter_passes():
    assert problems() == []


def test_each_missing_field_is_named():
    assert problems(sources=None) == ["docs/x.md: front matter: required field 'sources' is missing"]


def test_unreadable_front_matter():
    assert "missing, or not valid YAML" in front_matter_problems({}, "x.md", set(), TODAY)[0]


def test_review_in_the_past_fails():
    out = problems(last_checked=dt.date(2025, 1, 1), next_review=dt.date(2025, 12, 31))
    assert out == ["docs/x.md: front matter: next_review (2025-12-31) has passed: check the page against its "
                   "sources and update last_checked and next_review"]


def test_review_more_than_12_months_ahead_fails():
    assert "more than 12 months after" in problems(next_review=dt.date(2028, 1, 1))[0]


def test_review_today_is_still_fine():
    assert problems(last_checked=dt.date(2026, 1, 1), next_review=TODAY) == []


def test_unknown_source_and_bad_dates():
    assert problems(sources=["Q7"]) == ["docs/x.md: front matter: sources: unknown source id 'Q7' (not in data/sources.yml)"]
    assert "last_checked must be a date" in problems(last_checked="soon")[0]
    assert "description must be 30 to 200 characters" in problems(description="short")[0]
