"""Benefits and risks as 'about N in 100 people' (data/outcomes.yml), in words and as icon arrays.

An icon array is a grid of 100 (or 1,000) dots with N filled: readers compare risks better as counts of
people than as percentages or shares of problems. Every figure has the same number in text beside it, so
the picture adds nothing a screen reader or the printed page would miss."""
from __future__ import annotations

from typing import Callable, Sequence

from .html import IdMaker, esc, fmt_num
from .models import OutcomeFigure, OutcomesFile
from .render_charts import n, svg_root

Cite = Callable[[Sequence[str]], str]
COLUMNS = 10      # dots per row
DOT_R, STEP = 5.5, 15


def _figure(outcomes: OutcomesFile, figure_id: str) -> OutcomeFigure:
    for f in outcomes.figures:
        if f.id == figure_id:
            return f
    raise ValueError(f"no figure {figure_id!r} in data/outcomes.yml (known: "
                     f"{', '.join(f.id for f in outcomes.figures)})")


def outcome_words(outcomes: OutcomesFile, figure_id: str) -> tuple[str, str]:
    """('About 18 in 100', 'adults had a problem of some kind in the first year') as plain text."""
    f = _figure(outcomes, figure_id)
    return f"About {fmt_num(f.people)} in {fmt_num(outcomes.per)}", f"{f.group} {f.outcome}"


def outcome_sentence(outcomes: OutcomesFile, figure_id: str, cite: Cite) -> str:
    """The figure as one sentence of HTML for page text, with its citation (and its caveat, if any)."""
    f = _figure(outcomes, figure_id)
    count, rest = outcome_words(outcomes, figure_id)
    note = f" {esc(f.note)}" if f.note else ""
    return f"{esc(count)} {esc(rest)} {cite(f.sources)}.{note}"


def icon_array(outcomes: OutcomesFile, figure_id: str, ids: IdMaker) -> str:
    f = _figure(outcomes, figure_id)
    rows = outcomes.per // COLUMNS
    width, height = COLUMNS * STEP, rows * STEP
    dots = []
    for k in range(outcomes.per):
        row, col = divmod(k, COLUMNS)
        on = k < f.people  # filled dots first, row by row, so the count reads off the grid
        cls = "pf-dot pf-dot--on" if on else "pf-dot"
        dots.append(f'<circle cx="{n(col * STEP + STEP / 2)}" cy="{n(row * STEP + STEP / 2)}" r="{DOT_R}" '
                    f'class="{cls}"/>')
    count, rest = outcome_words(outcomes, figure_id)
    title = f"{count} {rest}"
    desc = (f"{fmt_num(f.people)} filled dots and {fmt_num(outcomes.per - f.people)} empty dots, "
            f"one dot for each of {fmt_num(outcomes.per)} people.")
    return svg_root(width, height, ids, f"people-{f.id}", title, desc, "".join(dots), variant="people")


def people_figures(outcomes: OutcomesFile, figure_ids: Sequence[str], ids: IdMaker, cite: Cite) -> str:
    """A row of icon arrays, each with its number and words beside it, and its source."""
    if not figure_ids:
        raise ValueError("people_figures() needs at least one figure id from data/outcomes.yml")
    items = []
    for fid in figure_ids:
        f = _figure(outcomes, fid)
        count, rest = outcome_words(outcomes, fid)
        note = f' <span class="people-figure__note">{esc(f.note)}</span>' if f.note else ""
        items.append(f'<figure class="people-figure people-figure--{f.kind}" id="{ids("figure-" + f.id)}">'
                     f'{icon_array(outcomes, fid, ids)}'
                     f'<figcaption><strong class="people-figure__count">{esc(count)}</strong> {esc(rest)}'
                     f'{cite(f.sources)}.{note}</figcaption></figure>')
    return '<div class="people-figures">' + "".join(items) + "</div>"
