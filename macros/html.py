"""Tiny helpers shared by the render modules. Macro HTML must contain no blank lines (a blank line
ends a raw-HTML block in Markdown), so everything is joined without them."""
from __future__ import annotations

from html import escape


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def join(*parts: str) -> str:
    return "".join(p for p in parts if p)


def fmt_num(value: float) -> str:
    """20.0 -> '20', 87.5 -> '87.5', 1199 -> '1,199'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


class IdMaker:
    """Unique element ids within one page, even when a macro runs twice (or on the combined print page,
    where every page is a section of one document, so ids also carry the page's slug)."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix
        self.counts: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        n = self.counts.get(base, 0) + 1
        self.counts[base] = n
        stem = f"{self.prefix}-{base}" if self.prefix else base
        return stem if n == 1 else f"{stem}-{n}"
