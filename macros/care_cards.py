"""NHS-style care cards (emergency, urgent, routine) with the urgency named for screen readers."""
from __future__ import annotations

from .html import esc

HIDDEN = {"emergency": "Emergency advice:", "urgent": "Urgent advice:", "routine": "Non-urgent advice:"}


def care_card(kind: str, title: str, items: list[str], body_html: str = "") -> str:
    """A care card. kind is emergency, urgent or routine; items are HTML-safe strings."""
    if kind not in HIDDEN:
        raise ValueError(f"care_card: kind must be one of {', '.join(HIDDEN)} (got {kind!r})")
    if not items and not body_html:
        raise ValueError(f"care_card {title!r}: a card needs at least one item")
    lis = "".join(f"<li>{item}</li>" for item in items)
    listing = f"<ul>{lis}</ul>" if items else ""
    return (f'<div class="admonition care-card {kind}">'
            f'<p class="admonition-title"><span class="visually-hidden">{HIDDEN[kind]} </span>{esc(title)}</p>'
            f"{listing}{body_html}</div>")
