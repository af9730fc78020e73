"""The refill planner's deep-link settings, defined once.

The keys, their order, their limits and the date range live here. render_planner.planner_config hands
them to the JavaScript (refill-core.js reads them from the page's JSON config; it types none of them),
and settings_table_html renders the table on /for-clinics/ from the same definitions. The link builder
on /for-clinics/ validates with refill-core.js too, so every link it makes opens in the planner."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Iterable

from .html import esc, fmt_num
from .refill import LIMITS

# Every date the planner reads or shows, and every date in a reminder file, lies in this range.
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2099, 12, 31)


@dataclasses.dataclass(frozen=True)
class Key:
    name: str
    meaning: str
    example: str
    unit: str = ""      # for numbers: the unit of the limits


# In the order the planner and the builder write them (fixed: clinics rely on it).
KEYS: tuple[Key, ...] = (
    Key("pump", "The pump: a name from the next column, or custom for another pump", "synchromed-ii-40"),
    Key("reservoir", "Pump size in mL. Only used with pump=custom", "20", "mL"),
    Key("vol", "Volume put in at the refill, in mL. Leave out if the pump was filled to the top", "38", "mL"),
    Key("alarm", "Low-reservoir alarm volume in mL. Leave out for the pump's usual alarm", "4", "mL"),
    Key("conc", "Strength in mcg/mL", "2000", "mcg/mL"),
    Key("dose", "Daily dose in mcg a day", "400", "mcg a day"),
    Key("filled", "Date of the refill, as year-month-day", "2026-11-20"),
    Key("margin", "Days before the alarm date to plan the next refill. Whole days", "7", "days"),
)
KEY_NAMES = tuple(k.name for k in KEYS)


def date_range_words() -> str:
    """The range in plain words, for messages and the table."""
    return f"from {DATE_MIN.year} through {DATE_MAX.year}"


def allowed_words(key: Key, pump_ids: Iterable[str]) -> str:
    if key.name == "pump":
        return ", ".join(list(pump_ids) + ["custom"])  # shown in <code> by settings_table_html
    if key.name == "filled":
        return f"A real date from {DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}"
    lo, hi = LIMITS[key.name]
    return f"{fmt_num(float(lo))} to {fmt_num(float(hi))} {key.unit}"


def _allowed_html(key: Key, pump_ids: list[str]) -> str:
    if key.name == "pump":
        return ", ".join(f"<code>{esc(p)}</code>" for p in list(pump_ids) + ["custom"])
    return esc(allowed_words(key, pump_ids))


def settings_table_html(pump_ids: Iterable[str]) -> str:
    """The table of link settings (one line of HTML: no blank lines inside a Markdown page)."""
    pump_ids = list(pump_ids)
    rows = "".join(
        f"<tr><td><code>{esc(k.name)}</code></td><td>{esc(k.meaning)}</td>"
        f"<td>{_allowed_html(k, pump_ids)}</td><td><code>{esc(k.name)}={esc(k.example)}</code></td></tr>"
        for k in KEYS)
    # On a phone the table is wider than the screen, so it scrolls inside its own box. That box is a named
    # region the keyboard can reach (WCAG 2.1.1); Material's own scroller inside it stands down (clinics.css).
    title = "planner-link-settings-title"
    return (f'<p class="clinic-params__title" id="{title}">Settings a planner link can hold</p>'
            f'<div class="clinic-params" role="region" aria-labelledby="{title}" tabindex="0">'
            f'<table aria-labelledby="{title}"><thead><tr><th scope="col">Name</th><th scope="col">What it is</th>'
            '<th scope="col">Allowed values</th><th scope="col">Example</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")
