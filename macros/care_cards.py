"""NHS-style care cards (emergency, urgent, routine) with the urgency named for screen readers.

Danger-sign cards are made by render_symptoms.danger_signs_card from data/symptoms.yml; pages use
care_card directly only for lists that are not danger signs (a going-home checklist, before an MRI)."""
from __future__ import annotations

from .html import esc

HIDDEN = {"emergency": "Emergency advice:", "urgent": "Urgent advice:", "routine": "Non-urgent advice:"}


def care_card(kind: str, title: str, items: list[str], body_html: str = "", *, title_html: str | None = None,
              level: int | None = None, heading_id: str = "", lead_html: str = "") -> str:
    """A care card. kind is emergency, urgent or routine; items and the *_html arguments are HTML-safe.
    The title is a <p class="admonition-title">, or a heading <h{level}> (with heading_id) when level is given;
    title_html replaces the escaped title (for example a tel: link)."""
    if kind not in HIDDEN:
        raise ValueError(f"care_card: kind must be one of {', '.join(HIDDEN)} (got {kind!r})")
    if not items and not body_html:
        raise ValueError(f"care_card {title!r}: a card needs at least one item")
    lis = "".join(f"<li>{item}</li>" for item in items)
    listing = f"<ul>{lis}</ul>" if items else ""
    tag = f"h{level}" if level else "p"
    id_attr = f' id="{esc(heading_id)}"' if heading_id and level else ""
    return (f'<div class="admonition care-card {kind}">'
            f'<{tag}{id_attr} class="admonition-title"><span class="visually-hidden">{HIDDEN[kind]} </span>'
            f"{title_html if title_html is not None else esc(title)}</{tag}>"
            f"{lead_html}{listing}{body_html}</div>")
