"""The danger signs, from data/symptoms.yml and data/alarms.yml: the side-by-side (diverging) chart of too
little versus too much baclofen, the care cards (three tiers = three cards), and the alarm meanings.
All read the same signs and tiers, so no two pages can disagree."""
from __future__ import annotations

import re

from dataclasses import dataclass

from .care_cards import care_card
from .clinic import tel_link
from .html import IdMaker, esc, fmt_num
from .models import AlarmsFile, SymptomsFile
from .render_charts import FONT, Cite, data_table, figure, sources_note, svg_root, text, text_lines, wrap

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
TIER_ORDER = ("emergency", "urgent", "watch")
TIER_LENGTH = {"emergency": 1.0, "urgent": 0.66, "watch": 0.33}


def fill(template: str, emergency_number: str, pump_team: str, where: str = "data/symptoms.yml",
         **more: str) -> str:
    """Put the clinic's wording into {emergency_number} / {pump_team} (and any `more` values, such as
    {replacement_warning_days}); any other {name} is an error."""
    values = {"emergency_number": emergency_number, "pump_team": pump_team, **more}

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

def symptom_comparison_chart(symptoms: SymptomsFile, ids: IdMaker, emergency_number: str, pump_team: str, *,
                             cite: Cite) -> str:
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
               f"{sources_note([s for f in symptoms.features for sg in f.withdrawal + f.overdose for s in sg.sources], cite)}")

    def cell(signs) -> str:
        if not signs:
            return "No typical sign"
        return "<ul>" + "".join(f"<li>{esc(s.sign)}" + (f" ({esc(names[s.tier])})" if s.tier else "") + "</li>"
                                for s in signs) + "</ul>"
    rows = [[esc(f.label) + (" <strong>(can happen with either)</strong>" if f.shared else ""),
             cell(f.withdrawal), cell(f.overdose)] for f in symptoms.features]
    table = data_table("Signs of too little and too much baclofen, with how urgent each one is",
                       ["Part of the body", "Too little (withdrawal)", "Too much (overdose)"], rows,
                       summary="Every sign in this chart, as a list", stack=True)
    return figure(ids, "symptoms", draw, caption, table, extra_html=legend)


# ---------------------------------------------------------------- the care cards

CARD_KIND = {"emergency": "emergency", "urgent": "urgent", "watch": "routine"}
CARD_ANCHOR = {"emergency": "call-now", "urgent": "call-today", "watch": "book-a-refill"}
# Typed here because they are not signs: the line under each heading, and the catch-all at the end.
CARD_LEAD = {"emergency": "if any of these happen:", "urgent": "if any of these happen:", "watch": "if:"}
CARD_CATCH_ALL = {"emergency": "Or anything else that seems serious or is getting worse fast.",
                  "urgent": "If you are not sure, call. Do not wait.",
                  "watch": ""}
DEFAULT_LIMIT = {"emergency": 6, "urgent": 5, "watch": 5}
GROUPS = ("body", "wound", "reasons")


@dataclass(frozen=True)
class CardItem:
    text: str           # plain text, placeholders not yet filled
    rank: int
    sources: tuple[str, ...]
    where: str          # which file and entry, for error messages


def tier_items(symptoms: SymptomsFile, tier: str, alarms: AlarmsFile | None = None,
               group: str = "body") -> list[CardItem]:
    """Every item of one tier, most serious first (by rank). group "body": the signs of too little and too much
    baclofen (a sign on both sides once), the other reasons, and the alarm sounds of that tier. group "reasons":
    the other reasons and alarms only (no body signs). group "wound": the signs of a wound infection.
    Two different items with the same rank fail loudly."""
    if group not in GROUPS:
        raise ValueError(f"danger signs: group must be one of {', '.join(GROUPS)} (got {group!r})")
    if tier not in TIER_ORDER:
        raise ValueError(f"danger signs: tier must be one of {', '.join(TIER_ORDER)} (got {tier!r})")
    items: list[CardItem] = []
    if group == "wound":
        items = [CardItem(w.sign, w.rank, tuple(w.sources), f"data/symptoms.yml: wound_signs[{i}]")
                 for i, w in enumerate(symptoms.wound_signs) if w.tier == tier]
    else:
        seen: set[str] = set()
        for feature in symptoms.features:
            if feature.kind != "sign" or group == "reasons":
                continue
            for side in ("withdrawal", "overdose"):
                for sign in getattr(feature, side):
                    if sign.tier == tier and sign.sign not in seen:
                        seen.add(sign.sign)
                        items.append(CardItem(sign.sign, sign.rank, tuple(sign.sources),
                                              f"data/symptoms.yml: features[{feature.id}].{side}"))
        items += [CardItem(r.text, r.rank, tuple(r.sources), f"data/symptoms.yml: other_reasons[{i}]")
                  for i, r in enumerate(symptoms.other_reasons) if r.tier == tier]
        for a in (alarms.alarms if alarms else []):
            if a.tier == tier:
                items.append(CardItem(a.card_text, a.rank, tuple(a.sources), f"data/alarms.yml: alarms[{a.id}]"))
    by_rank: dict[int, CardItem] = {}
    for item in items:
        if item.rank is None:
            raise ValueError(f"{item.where}: {item.text!r} has tier {tier} but no rank: give it a rank "
                             f"(1 = most serious), so it has a place on its card")
        if item.rank in by_rank:
            raise ValueError(f"{item.where}: rank {item.rank} in tier {tier} is also used by "
                             f"{by_rank[item.rank].where} ({by_rank[item.rank].text!r}): give each its own rank")
        by_rank[item.rank] = item
    return [by_rank[r] for r in sorted(by_rank)]


def card_items(symptoms: SymptomsFile, tier: str, alarms: AlarmsFile | None = None, group: str = "body") -> list[str]:
    """The wordings of one tier, most serious first (plain text, placeholders not filled)."""
    return [i.text for i in tier_items(symptoms, tier, alarms, group)]


def _lower_first(text: str) -> str:
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Phones:
    """The numbers a card heading can call. pump_team is None when the clinic settings give none."""
    emergency: str
    pump_team: str | None = None
    after_hours: str | None = None


def danger_signs_card(symptoms: SymptomsFile, tier: str, *, emergency_number: str, pump_team: str,
                      alarms: AlarmsFile | None = None, phones: Phones | None = None, limit: int | None = None,
                      also: bool = True, group: str = "body", anchor: str = "", level: int = 2,
                      more_href: str = "", refer: tuple[str, ...] = (), values: dict | None = None) -> str:
    """One care card for one tier. Its heading is the tier's action ("Call 911 now"), a tel: link when the
    number is known. The first `limit` items are bullets; with `also`, the rest follow in one "Also call
    for" line, so the card still names every sign of its tier; without it, `more_href` links to the rest.
    `refer` names sign ids (from another tier) to point to at the end, with their own tier's action."""
    _check_tiers(symptoms)
    if level not in (2, 3, 4):
        raise ValueError(f"danger_signs_card: level must be 2, 3 or 4 (got {level!r})")
    values = dict(values or {})
    labels = tier_labels(symptoms, emergency_number, pump_team)
    phones = phones or Phones(emergency=emergency_number)
    items = [fill(i.text, emergency_number, pump_team, i.where, **values) for i in tier_items(symptoms, tier, alarms, group)]
    if not items:
        raise ValueError(f"data/symptoms.yml: the {labels[tier]!r} card ({group} signs) has no items: give at "
                         f"least one sign or reason that tier")
    limit = DEFAULT_LIMIT[tier] if limit is None else limit
    if limit < 1:
        raise ValueError(f"danger_signs_card: limit must be at least 1 (got {limit!r})")
    shown, rest = items[:limit], items[limit:]
    number = phones.emergency if tier == "emergency" else phones.pump_team
    title = labels[tier]
    # With no number in the build, a pump-team heading is marked so the reader's own saved number can join it
    # (docs/javascripts/my-numbers.js); without JavaScript it reads as before.
    title_html = (tel_link(number, title, "tel care-card__call") if number
                  else esc(title) if tier == "emergency" else f"<span data-pump-team-call>{esc(title)}</span>")
    body = []
    if rest and also:
        body.append('<p class="care-card__also"><strong>Also call for:</strong> '
                    + esc("; ".join(_lower_first(i) for i in rest)) + ".</p>")
    elif rest and more_href:
        body.append(f'<p class="care-card__more"><a href="{esc(more_href)}">All {len(items)} signs '
                    f"that mean: {esc(title)}</a></p>")
    for sign_id in refer:
        sign, sign_tier = _sign_by_id(symptoms, sign_id)
        body.append(f'<p class="care-card__refer"><strong>{esc(sign)}?</strong> {esc(labels[sign_tier])}.</p>')
    if CARD_CATCH_ALL[tier] and group == "body":
        body.append(f'<p class="care-card__catch-all">{esc(CARD_CATCH_ALL[tier])}</p>')
    if tier == "urgent" and phones.after_hours:
        body.append(f'<p class="care-card__after-hours">After hours: {tel_link(phones.after_hours)}</p>')
    return care_card(CARD_KIND[tier], title, [esc(i) for i in shown], "".join(body), title_html=title_html,
                     level=level, heading_id=anchor, lead_html=f'<p class="care-card__lead">{esc(CARD_LEAD[tier])}</p>')


def _sign_by_id(symptoms: SymptomsFile, sign_id: str) -> tuple[str, str]:
    for feature in symptoms.features:
        for sign in feature.withdrawal + feature.overdose:
            if sign.id == sign_id and sign.tier:
                return sign.sign, sign.tier
    known = sorted({s.id for f in symptoms.features for s in f.withdrawal + f.overdose if s.id})
    raise ValueError(f"data/symptoms.yml: no sign with id {sign_id!r} (known: {', '.join(known) or 'none'})")


def emergency_care_cards(symptoms: SymptomsFile, anchors: IdMaker | None, emergency_number: str, pump_team: str,
                         alarms: AlarmsFile | None = None, phones: Phones | None = None, level: int = 2,
                         values: dict | None = None) -> str:
    """The three care cards, one per tier, most serious first. With `anchors`, each heading carries its
    fixed id (#call-now, #call-today, #book-a-refill); without (other pages), no ids."""
    cards = [danger_signs_card(symptoms, tier, emergency_number=emergency_number, pump_team=pump_team,
                               alarms=alarms, phones=phones, level=level, values=values,
                               anchor=anchors(CARD_ANCHOR[tier]) if anchors is not None else "")
             for tier in TIER_ORDER]
    return f'<div class="itb-care-cards">{"".join(cards)}</div>'


def signs_list(symptoms: SymptomsFile, side: str, tier: str | None = None, *, emergency_number: str,
               pump_team: str) -> str:
    """The body signs of one side (withdrawal or overdose), most serious first, as a plain list. With a tier,
    only that tier, under its action; without, every sign with its action after it."""
    if side not in ("withdrawal", "overdose"):
        raise ValueError(f"signs_list: side must be withdrawal or overdose (got {side!r})")
    labels = tier_labels(symptoms, emergency_number, pump_team)
    signs: dict[str, object] = {}
    for feature in symptoms.features:
        if feature.kind == "sign":
            for sign in getattr(feature, side):
                if (tier is None or sign.tier == tier) and sign.sign not in signs:
                    signs[sign.sign] = sign
    if not signs:
        raise ValueError(f"signs_list: data/symptoms.yml has no {tier or ''} {side} signs".replace("  ", " "))
    ordered = sorted(signs.values(), key=lambda s: (TIER_ORDER.index(s.tier), s.rank))
    if tier:
        return (f'<p class="sign-list__lead"><strong>{esc(labels[tier])}:</strong></p><ul class="sign-list">'
                + "".join(f"<li>{esc(s.sign)}</li>" for s in ordered) + "</ul>")
    return ('<ul class="sign-list">' + "".join(f"<li>{esc(s.sign)}: <strong>{esc(labels[s.tier])}</strong></li>"
                                              for s in ordered) + "</ul>")


def card_sources(symptoms: SymptomsFile, alarms: AlarmsFile | None = None, tiers=TIER_ORDER,
                 group: str = "body") -> list[str]:
    """Source ids behind the items of the given tiers, in first-use order (for one "Sources" line)."""
    ids: list[str] = []
    for tier in tiers:
        for item in tier_items(symptoms, tier, alarms, group):
            ids += [s for s in item.sources if s not in ids]
    return ids


# ---------------------------------------------------------------- the alarms, in words

def alarm_meanings(alarms: AlarmsFile, symptoms: SymptomsFile, *, emergency_number: str, pump_team: str,
                   replacement_warning_days: float) -> str:
    """What each alarm sound means and what to do, in a few lines (no pictures): for /emergency/. The action is
    the alarm's tier, in the same words as its care card. Every cause is listed under it, as on /maintenance/
    (alarm_sounds), with its own action (book a refill, book a new pump) where it has one."""
    labels = tier_labels(symptoms, emergency_number, pump_team)
    values = {"replacement_warning_days": fmt_num(replacement_warning_days)}
    order = sorted(alarms.alarms, key=lambda a: TIER_ORDER.index(a.tier))
    out = []
    for a in order:
        where = f"data/alarms.yml: alarms[{a.id}]"
        f = lambda t: esc(fill(t, emergency_number, pump_team, where, **values))  # noqa: E731
        causes = "".join(f"<li>{f(c.text)}" + (f" <strong>{f(c.action)}</strong>" if c.action else "") + "</li>"
                         for c in a.causes)
        out.append(f'<div class="itb-alarm-text itb-alarm-text--{a.kind}">'
                   f'<p><strong>{esc(a.name)}</strong> ({esc(a.sound)}). {f(a.meaning)} '
                   f'<strong>{esc(labels[a.tier])}.</strong></p>'
                   + (f'<details class="itb-alarm-text__causes"><summary>What can cause it</summary>'
                      f"<ul>{causes}</ul></details>" if causes else "") + "</div>")
    return f'<div class="itb-alarm-texts">{"".join(out)}</div>'
