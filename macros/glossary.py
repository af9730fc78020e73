"""Glossary page and the abbreviation definitions that give every page its tooltips."""
from __future__ import annotations

import re

from .html import esc


def _definitions(glossary) -> list[tuple[str, str]]:
    """(form, meaning) for every form of every term that has a tooltip."""
    pairs = [(t.term, t.plain) for t in glossary.terms if t.tooltip]
    return pairs + [(alt, t.plain) for t in glossary.terms if t.tooltip for alt in t.also]


def abbreviations(glossary, text: str | None = None) -> str:
    """Markdown abbreviation definitions (*[term]: meaning), appended to a page. Given the page's text, only
    the forms that occur in it, matched as Python-Markdown's abbr extension matches them (case-sensitive,
    whole word), so each page carries the few definitions it uses instead of all of them."""
    pairs = _definitions(glossary)
    if text is not None:
        forms = sorted((f for f, _ in pairs), key=len, reverse=True)  # longest first, as abbr does
        found = set(re.findall(r"\b(?:" + "|".join(map(re.escape, forms)) + r")\b", text)) if forms else set()
        # A form inside a longer form ("oral baclofen" and "baclofen") is found by the longest match only.
        found |= {f for g in found for f in forms if f != g and f in g and re.search(rf"\b{re.escape(f)}\b", g)}
        pairs = [(f, plain) for f, plain in pairs if f in found]
    if not pairs:
        return ""
    return "\n\n" + "\n".join(f"*[{form}]: {plain}" for form, plain in pairs) + "\n"


def glossary_list(glossary) -> str:
    terms = sorted(glossary.terms, key=lambda t: t.term.lower())
    rows = "".join(f'<dt id="{esc(t.id)}">{esc(t.term)}</dt><dd>{esc(t.plain)}</dd>' for t in terms)
    return f'<dl class="glossary">{rows}</dl>'
