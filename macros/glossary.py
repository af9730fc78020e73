"""Glossary page and the abbreviation definitions that give every page its tooltips."""
from __future__ import annotations

from .html import esc


def abbreviations(glossary) -> str:
    """Markdown abbreviation definitions (*[term]: meaning), appended to every page."""
    lines = [f"*[{t.term}]: {t.plain}" for t in glossary.terms if t.tooltip]
    lines += [f"*[{alt}]: {t.plain}" for t in glossary.terms if t.tooltip for alt in t.also]
    return "\n\n" + "\n".join(lines) + "\n"


def glossary_list(glossary) -> str:
    terms = sorted(glossary.terms, key=lambda t: t.term.lower())
    rows = "".join(f'<dt id="{esc(t.id)}">{esc(t.term)}</dt><dd>{esc(t.plain)}</dd>' for t in terms)
    return f'<dl class="glossary">{rows}</dl>'
