"""The one date formatter for what readers see: Babel (pinned in requirements.txt) with one pattern per
language. docs/javascripts/refill-core.js mirrors it with Intl.DateTimeFormat, and the planner's agreement
test compares the two on the same dates.

Day month year ("22 November 2026") on purpose: it cannot be misread by US or UK readers, as 11/12 can."""
from __future__ import annotations

import datetime as dt

from babel.dates import format_date

# language -> (date, date with weekday), as Babel (CLDR) patterns
PATTERNS = {
    "en": ("d MMMM y", "EEEE d MMMM y"),
    "es": ("d 'de' MMMM 'de' y", "EEEE, d 'de' MMMM 'de' y"),
}
LOCALES = {"en": "en_US", "es": "es"}


def long_date(day: dt.date | str, lang: str = "en", weekday: bool = False) -> str:
    """'22 November 2026', or 'Sunday 22 November 2026' with weekday=True. Takes a date or 'YYYY-MM-DD'."""
    if lang not in PATTERNS:
        raise ValueError(f"long_date: no date pattern for language {lang!r} (known: {', '.join(PATTERNS)})")
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return format_date(day, PATTERNS[lang][1 if weekday else 0], locale=LOCALES[lang])


# The same dates in the browser (docs/javascripts/refill-core.js): Intl.DateTimeFormat gives the words for the
# locale, and these patterns put them in the same order as PATTERNS above. A browser test compares the two.
BROWSER = {
    "en": {"locale": "en-US", "date": "{day} {month} {year}", "weekday": "{weekday} {day} {month} {year}"},
    "es": {"locale": "es", "date": "{day} de {month} de {year}", "weekday": "{weekday}, {day} de {month} de {year}"},
}


def browser_format(lang: str = "en") -> dict[str, str]:
    if lang not in BROWSER:
        raise ValueError(f"browser_format: no date pattern for language {lang!r} (known: {', '.join(BROWSER)})")
    return dict(BROWSER[lang])
