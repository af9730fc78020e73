"""Too little versus too much baclofen, from data/symptoms.yml: the side-by-side (diverging) chart and
the emergency care cards. Both read the same signs and tiers, so they cannot disagree."""
from __future__ import annotations

import re

from .care_cards import care_card
from .html import IdMaker, esc
from .models import SymptomsFile
from .render_charts import FONT, data_table, figure, sources_note, svg_root, text, text_lines, wrap

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
TIER_ORDER = ("emergency", "urgent", "watch")
TIER_LENGTH = {"emergency": 1.0, "urgent": 0.66, "watch": 0.33}
CARD_KIND = {"emergency": "emergency", "urgent": "urgent"}


def fill(template: str, emergency_number: str, pump_team: str, where: str = "data/symptoms.yml") -> str:
    """Put the clinic's wording into {emergency_number} / {pump_team}; any other {name} is an error."""
    values = {"emergency_number": emergency_number, "pump_team": pump_team}

    def sub(m: re.Match) -> str:
        if m.group(1) not in values:
            raise ValueError(f"{where}: unknown placeholder {{{m.group(1)}}} in {template!r} "
                             f"(known: {', '.join('{' + k + '}' for k in values)})")
        return values[m.group(1)]
    return PLACEHOLDER.sub(sub, template)


def tier_names(symptoms: SymptomsFile) -> dict[str, str]:
    """Short tier names for the chart, from each tier's hidden_prefix ('Emergency:' -> 'Emergency')."""
    return {t.id: t.hidden_prefix.rstrip(": ").strip() for t in symptoms.tiers}


def tier_labels(symptoms: SymptomsFile, emergency_number: str, pump_team: str) -> dict[str, str]:
    return {t.id: fill(t.label, emergency_number, pump_team) for t in symptoms.tiers}


def _check_tiers(symptoms: SymptomsFile) -> None:
    ids = [t.id for t in symptoms.tiers]
    if sorted(ids) != sorted(TIER_ORDER):
        raise ValueError(f"data/symptoms.yml: tiers: need exactly one each of {', '.join(TIER_ORDER)} (got {ids})")


# ---------------------------------------------------------------- the chart

def symptom_comparison_chart(symptoms: SymptomsFile, ids: IdMaker, emergency_number: str, pump_team: str) -> str:
    _check_tiers(symptoms)
    names = tier_names(symptoms)
    labels = tier_labels(symptoms, emergency_number, pump_team)
    shared = [f.label for f in symptoms.features if f.shared]
    title = "Too little baclofen (withdrawal) compared with too much (overdose)"
    desc = ("Side by side: signs of too little baclofen on the left, signs of too much on the right, one row for each "
            "part of the body. Each sign has a bar: the longer the bar, the more urgent. "
            + " ".join(f"{names[t]} means: {labels[t]}." for t in TIER_ORDER)
            + (f" Signs in these rows can happen with either: {', '.join(shared)}." if shared else "")
            + " The table below lists every sign.")

    def draw(width: int, variant: str) -> str:
        gap = 12
        half = (width - 2 * gap) / 2
        centre = width / 2
        bar_max = min(120.0, half * 0.42)
        line_h = 18
        pat = {t: ids(f"sym-pattern-{t}-{variant}") for t in ("urgent",)}
        defs = (f'<pattern id="{pat["urgent"]}" patternUnits="userSpaceOnUse" width="6" height="6" '
                f'patternTransform="rotate(45)"><rect width="6" height="6" class="c-sym-urgent-bg"/>'
                f'<line x1="0" y1="0" x2="0" y2="6" class="c-sym-urgent-line"/></pattern>')
        body: list[str] = []
        y = 22
        left_head = wrap("Too little baclofen (withdrawal)", half - 10, bold=True)
        right_head = wrap("Too much baclofen (overdose)", half - 10, bold=True)
        body.append(text_lines(centre - gap, y, left_head, line_h, cls="c-text c-title", anchor="end", weight="700"))
        body.append(text_lines(centre + gap, y, right_head, line_h, cls="c-text c-title", weight="700"))
        y += line_h * max(len(left_head), len(right_head)) + 4
        axis_top = y - 8

        def sign_block(sign, side: str, y0: float) -> tuple[str, float]:
            sign_lines = wrap(sign.sign, half - 14)
            if side == "left":
                parts = [text_lines(centre - gap, y0, sign_lines, line_h, cls="c-text", anchor="end")]
            else:
                parts = [text_lines(centre + gap, y0, sign_lines, line_h, cls="c-text")]
            if sign.tier is None:  # a context row: words only
                return "".join(parts), line_h * len(sign_lines) + 6
            by = y0 + line_h * (len(sign_lines) - 1) + 7
            length = bar_max * TIER_LENGTH[sign.tier]
            bx = centre - gap / 2 - length if side == "left" else centre + gap / 2
            fill_attr = f' fill="url(#{pat["urgent"]})"' if sign.tier == "urgent" else ""
            parts.append(f'<rect x="{bx:.1f}" y="{by:.1f}" width="{length:.1f}" height="14" '
                         f'class="c-sym c-sym-{sign.tier}"{fill_attr}/>')
            tx = bx - 6 if side == "left" else bx + length + 6
            parts.append(text(tx, by + 12, names[sign.tier], cls="c-text c-tier", anchor="end" if side == "left"
                              else "start", size=FONT - 1, weight="700"))
            return "".join(parts), by + 14 + 14 - y0 + line_h - 4

        for feature in symptoms.features:
            top = y
            y += 6
            label = feature.label + (" (can happen with either)" if feature.shared else "")
            label_lines = wrap(label, width - 40, bold=True)
            body.append(f'<rect x="{centre - min(width - 20, len(max(label_lines, key=len)) * FONT * 0.62 + 24) / 2:.1f}" '
                        f'y="{y - 2:.1f}" width="{min(width - 20, len(max(label_lines, key=len)) * FONT * 0.62 + 24):.1f}" '
                        f'height="{line_h * len(label_lines) + 6:.1f}" rx="4" '
                        f'class="c-feature{" c-feature-shared" if feature.shared else ""}"/>')
            body.append(text_lines(centre, y + 14, label_lines, line_h, cls="c-text c-feature-label",
                                   anchor="middle", weight="700"))
            y += line_h * len(label_lines) + 22
            heights = []
            for side, signs in (("left", feature.withdrawal), ("right", feature.overdose)):
                sy = y
                if not signs:
                    x = centre - gap if side == "left" else centre + gap
                    body.append(text(x, sy, "No typical sign", cls="c-text c-muted",
                                     anchor="end" if side == "left" else "start"))
                    sy += line_h + 4
                for sign in signs:
                    svg, h = sign_block(sign, side, sy)
                    body.append(svg)
                    sy += h
                heights.append(sy - y)
            y += max(heights) + 2
            if feature.shared:
                body.append(f'<rect x="3" y="{top + 2:.1f}" width="{width - 6}" height="{y - top - 6:.1f}" rx="6" '
                            f'class="c-shared-box"/>')
            body.append(f'<line x1="0" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" class="c-grid"/>')
        body.insert(0, f'<line x1="{centre:.1f}" x2="{centre:.1f}" y1="{axis_top:.1f}" y2="{y:.1f}" class="c-axis"/>')
        return svg_root(width, y + 4, ids, f"symptom-chart-{variant}", title, desc, "".join(body), defs=defs,
                        variant=variant)

    legend = ('<ul class="sym-legend">'
              + "".join(f'<li><span class="sym-swatch sym-swatch--{t}" aria-hidden="true"></span>'
                        f"<strong>{esc(names[t])}</strong>: {esc(labels[t])}</li>" for t in TIER_ORDER)
              + '<li><span class="sym-swatch sym-swatch--shared" aria-hidden="true"></span>'
                "<strong>Dashed box</strong>: these signs can come from too little or too much baclofen</li></ul>")
    caption = (f"<strong>{esc(title)}.</strong> Some signs, like seizures, can happen with either. "
               f"Do not try to work out which one it is: get help. "
               f"{sources_note(s for f in symptoms.features for sg in f.withdrawal + f.overdose for s in sg.sources)}")

    def cell(signs) -> str:
        if not signs:
            return "No typical sign"
        return "<ul>" + "".join(f"<li>{esc(s.sign)}" + (f" ({esc(names[s.tier])})" if s.tier else "") + "</li>"
                                for s in signs) + "</ul>"
    rows = [[esc(f.label) + (" <strong>(can happen with either)</strong>" if f.shared else ""),
             cell(f.withdrawal), cell(f.overdose)] for f in symptoms.features]
    table = data_table("Signs of too little and too much baclofen, with how urgent each one is",
                       ["Part of the body", "Too little (withdrawal)", "Too much (overdose)"], rows,
                       summary="Every sign in this chart, as a list")
    return figure(ids, "symptoms", draw, caption, table, extra_html=legend)


# ---------------------------------------------------------------- the care cards

def card_items(symptoms: SymptomsFile, tier: str) -> list[str]:
    """Plain-text items for one tier: body signs (withdrawal then overdose, feature order, no repeats),
    then the other reasons of that tier."""
    seen: list[str] = []
    for feature in symptoms.features:
        if feature.kind != "sign":
            continue
        for sign in feature.withdrawal + feature.overdose:
            if sign.tier == tier and sign.sign not in seen:
                seen.append(sign.sign)
    return seen + [r.text for r in symptoms.other_reasons if r.tier == tier and r.text not in seen]


def emergency_care_cards(symptoms: SymptomsFile, anchors: IdMaker, emergency_number: str, pump_team: str) -> str:
    """Three care cards, each headed by an h2 with a fixed id: #call-now, #call-today, #book-a-refill.
    Signs come from the features; the refill card lists the non-urgent other reasons (like the
    single-tone alarm). Items may carry {emergency_number}/{pump_team}."""
    _check_tiers(symptoms)
    labels = tier_labels(symptoms, emergency_number, pump_team)
    refill_items = [r.text for r in symptoms.other_reasons if r.tier == "watch"]
    cards = [("emergency", "call-now", f"{labels['emergency']} if:", card_items(symptoms, "emergency")),
             ("urgent", "call-today", f"{labels['urgent']} if:", card_items(symptoms, "urgent")),
             ("routine", "book-a-refill", "Book a refill if:", refill_items)]
    out = []
    for kind, anchor, title, items in cards:
        if not items:
            raise ValueError(f"data/symptoms.yml: the {title!r} card has no items: give at least one sign or "
                             f"other reason that tier")
        html_items = [esc(fill(i, emergency_number, pump_team)) for i in items]
        card = care_card(kind, title, html_items)
        out.append(_heading_card(card, anchors(anchor)))
    return f'<div class="itb-care-cards">{"".join(out)}</div>'


def _heading_card(card: str, anchor: str) -> str:
    """Make the care card's title an h2 carrying the fixed id."""
    opening, closing = '<p class="admonition-title">', "</p>"
    start = card.find(opening)
    end = card.find(closing, start)
    if start < 0 or end < 0:
        raise ValueError("care_card output changed: expected a <p class=\"admonition-title\"> title")
    return (card[:start] + f'<h2 id="{esc(anchor)}" class="admonition-title">' + card[start + len(opening):end]
            + "</h2>" + card[end + len(closing):])
