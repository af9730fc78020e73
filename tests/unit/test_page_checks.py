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


# ---------------------------------------------------------------- both sides of every limit

def test_review_gap_of_366_days_passes_and_367_fails():
    checked = dt.date(2026, 11, 1)
    assert problems(last_checked=checked, next_review=dt.date(2027, 11, 2)) == []  # 366 days
    assert problems(last_checked=checked, next_review=dt.date(2027, 11, 3)) == [
        "docs/x.md: front matter: next_review (2027-11-03) is more than 12 months after last_checked (2026-11-01)"]


def test_review_must_come_after_the_check():
    assert problems(last_checked=TODAY, next_review=TODAY) == [
        "docs/x.md: front matter: next_review (2026-11-22) must be after last_checked (2026-11-22)"]
    assert problems(last_checked=TODAY, next_review=dt.date(2026, 11, 23)) == []


def test_checked_today_passes_and_tomorrow_fails():
    assert problems(last_checked=TODAY, next_review=dt.date(2027, 1, 1)) == []
    assert problems(last_checked=dt.date(2026, 11, 23), next_review=dt.date(2027, 1, 1)) == [
        "docs/x.md: front matter: last_checked (2026-11-23) is in the future"]


def test_review_due_yesterday_fails():
    assert problems(last_checked=dt.date(2026, 1, 1), next_review=dt.date(2026, 11, 21)) == [
        "docs/x.md: front matter: next_review (2026-11-21) has passed: check the page against its sources and "
        "update last_checked and next_review"]


def test_description_of_30_and_200_characters_passes_29_and_201_fail():
    assert problems(description="d" * 30) == [] and problems(description="d" * 200) == []
    assert problems(description="d" * 29) == [
        f"docs/x.md: front matter: description must be 30 to 200 characters (got {'d' * 29!r})"]
    assert problems(description="d" * 201) == [
        f"docs/x.md: front matter: description must be 30 to 200 characters (got {'d' * 201!r})"]
    assert problems(description=12345678901234567890123456789012345)[0].startswith(
        "docs/x.md: front matter: description must be 30 to 200 characters")


def test_sources_must_be_a_non_empty_list():
    assert problems(sources=[]) == ["docs/x.md: front matter: sources must be a non-empty list of source ids (got [])"]
    assert problems(sources="L1") == ["docs/x.md: front matter: sources must be a non-empty list of source ids (got 'L1')"]


def test_dates_as_text_are_read():
    assert problems(last_checked="2026-11-01", next_review="2027-11-01") == []
    assert problems(next_review="next year") == [
        "docs/x.md: front matter: next_review must be a date like 2027-11-22 (got 'next year')"]


# ---------------------------------------------------------------- the one check on the real clock

def test_no_page_is_overdue_on_the_real_date():
    """Every other build and test runs on a pinned date (ITB_TODAY); this one uses the machine's real date, so
    a page whose review has passed is still caught (in CI, before the strict build would stop on it)."""
    import yaml

    from helpers import DOCS, ROOT
    from macros.data import load_site_data
    known = set(load_site_data(ROOT / "data").sources)
    real_today = dt.date.today()
    found = []
    for md in sorted(DOCS.glob("*.md")):
        meta = yaml.safe_load(md.read_text(encoding="utf-8").split("---", 2)[1])
        found += front_matter_problems(meta, md.name, known, real_today)
    assert found == [], "\n".join(found)
