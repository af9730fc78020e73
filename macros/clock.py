"""The build's idea of "today", for the review-date check and the PDF edition date.

ITB_TODAY=YYYY-MM-DD wins (tests pin it); otherwise SOURCE_DATE_EPOCH (seconds since 1970, the
reproducible-builds convention); otherwise the real date. A bad value is an error, never ignored.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Mapping


class ClockError(ValueError):
    """ITB_TODAY or SOURCE_DATE_EPOCH is set but cannot be read."""


def today(environ: Mapping[str, str] | None = None) -> dt.date:
    env = os.environ if environ is None else environ
    pinned = (env.get("ITB_TODAY") or "").strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise ClockError(f"ITB_TODAY must be a date like 2026-12-01 (got {pinned!r})") from None
    epoch = (env.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ClockError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (got {epoch!r})") from None
    return dt.date.today()
