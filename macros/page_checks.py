"""Front-matter rules every page must meet. Returns a list of problems; empty means fine."""
from __future__ import annotations

import datetime as dt

REQUIRED = ("description", "last_checked", "next_review", "sources")
MAX_REVIEW_GAP_DAYS = 366


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def front_matter_problems(meta: dict, src_path: str, known_sources: set[str], today: dt.date) -> list[str]:
    where = f"docs/{src_path}: front matter"
    if not meta:
        return [f"{where}: missing, or not valid YAML (MkDocs ignores front matter it cannot read; "
                "quote values that contain a colon)"]
    problems = [f"{where}: required field {key!r} is missing" for key in REQUIRED if key not in meta]
    if problems:
        return problems
    desc = meta["description"]
    if not isinstance(desc, str) or not (30 <= len(desc) <= 200):
        problems.append(f"{where}: description must be 30 to 200 characters (got {desc!r})")
    checked, review = _as_date(meta["last_checked"]), _as_date(meta["next_review"])
    if checked is None:
        problems.append(f"{where}: last_checked must be a date like 2026-11-22 (got {meta['last_checked']!r})")
    if review is None:
        problems.append(f"{where}: next_review must be a date like 2027-11-22 (got {meta['next_review']!r})")
    if checked and review:
        if review <= checked:
            problems.append(f"{where}: next_review ({review}) must be after last_checked ({checked})")
        elif (review - checked).days > MAX_REVIEW_GAP_DAYS:
            problems.append(f"{where}: next_review ({review}) is more than 12 months after last_checked ({checked})")
        if checked > today:
            problems.append(f"{where}: last_checked ({checked}) is in the future")
    if review and review < today:
        problems.append(f"{where}: next_review ({review}) has passed: check the page against its sources "
                        "and update last_checked and next_review")
    ids = meta["sources"]
    if not isinstance(ids, list) or not ids:
        problems.append(f"{where}: sources must be a non-empty list of source ids (got {ids!r})")
    else:
        for sid in ids:
            if sid not in known_sources:
                problems.append(f"{where}: sources: unknown source id {sid!r} (not in data/sources.yml)")
    return problems
