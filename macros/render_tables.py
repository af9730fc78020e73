"""The illustrative refill-interval table: days from a full refill to the low-reservoir alarm, by daily
dose (rows) and reservoir x concentration (columns), from the axes in data/refill.yml.

Static HTML that reads fully without JavaScript and in print. docs/javascripts/refill-table.js adds
filters (reservoir, strength), a highlighted dose and the sort order on top, using the controls rendered
here with the `hidden` attribute.

On a narrow screen (docs/stylesheets/tools.css, "refill table: phone layout") the same table shows as one
card per daily dose, so every cell carries its own column label (`.rt-cell-label`: pump size and strength),
shown only in that layout. Nothing is lost without JavaScript: the cards are CSS only."""
from __future__ import annotations

import re

from .html import IdMaker, esc, fmt_num
from .models import RefillFile
from .refill import about, days_to_alarm, whole_days


def band_of(days: int, refill: RefillFile) -> tuple[str, str]:
    """(css class, label) of the band a day count falls in; past the upper limit is its own band."""
    cap = int(refill.max_interval_days.value)
    if days > cap:
        return "rt-band-over", f"Past the {cap}-day limit"
    for i, band in enumerate(refill.table.bands, start=1):
        if days <= band.max_days:
            return f"rt-band-{i}", band.label
    raise ValueError(f"data/refill.yml: table.bands: {days} days is above every band's max_days but not above "
                     f"max_interval_days ({cap}); add a band up to {cap} days")


def legend_items(refill: RefillFile) -> list[tuple[str, str, str]]:
    """(css class, range in days, label) for each band, plus the 'past the limit' band."""
    items, low = [], 0
    cap = int(refill.max_interval_days.value)
    for i, band in enumerate(refill.table.bands, start=1):
        rng = f"{band.max_days} days or fewer" if low == 0 else f"{low + 1} to {band.max_days} days"
        items.append((f"rt-band-{i}", rng, band.label))
        low = band.max_days
    items.append(("rt-band-over", f"more than {cap} days",
                  f"past the {cap}-day limit: the refill is due within {cap} days anyway"))
    return items


def legend_html(refill: RefillFile, heading: str = "What the shading means") -> str:
    lis = "".join(f'<li><span class="rt-swatch {cls}" aria-hidden="true"></span>'
                  f"<strong>{esc(rng)}</strong>: {esc(label)}</li>" for cls, rng, label in legend_items(refill))
    return f'<div class="rt-legend"><p class="rt-legend__title">{esc(heading)}</p><ul>{lis}</ul></div>'


def column_label(res: int, conc: int) -> str:
    """The words for one column, used as each cell's own label in the phone layout."""
    return f"{fmt_num(res)} mL pump, {fmt_num(conc)} mcg/mL"


def cell_html(days: int, refill: RefillFile, res: int, conc: int) -> str:
    cls, label = band_of(days, refill)
    phrase = about(days)
    parts = [f'<span class="rt-cell-label">{esc(column_label(res, conc))}: </span>',
             f'<span class="rt-value"><span class="rt-days">{fmt_num(days)}</span> days</span>']
    more = []
    if phrase:
        more.append(f'<span class="rt-about">{esc(phrase)}</span>')
    if cls == "rt-band-over":
        # "6-month" never breaks at its hyphen in a narrow column
        flag = re.sub(r"(\S+-\S+(?: \S+)?)", r'<span class="rt-nowrap">\1</span>', esc(label.lower()))
        more.append(f'<span class="rt-flag">{flag}</span>')
    if more:
        parts.append(f'<span class="rt-more">{"".join(more)}</span>')
    return (f'<td class="{cls}" data-res="{res}" data-conc="{conc}" data-days="{days}">'
            + "".join(parts) + "</td>")


def refill_interval_table(refill: RefillFile, ids: IdMaker, pump_team: str = "your pump team") -> str:
    """The whole table block (controls, table, legend, note) as HTML with no blank lines."""
    t = refill.table
    if not t.doses_mcg_per_day or not t.reservoirs_ml or not t.concentrations_mcg_per_ml:
        raise ValueError("data/refill.yml: table: doses, reservoirs and concentrations must all be non-empty")
    alarm = t.alarm_ml
    root, caption, scroll = ids("refill-table"), ids("refill-table-caption"), ids("refill-table-scroll")
    ctl = {k: ids(f"refill-table-{k}") for k in ("res", "conc", "dose", "sort", "status")}
    cols = [(r, c) for r in t.reservoirs_ml for c in t.concentrations_mcg_per_ml]
    for r in t.reservoirs_ml:
        if alarm >= r:
            raise ValueError(f"data/refill.yml: table.alarm_ml ({fmt_num(alarm)}) must be less than every "
                             f"reservoir size (got {r})")

    head1 = (f'<th scope="col" rowspan="2">Daily dose</th>'
             + "".join(f'<th scope="colgroup" colspan="{len(t.concentrations_mcg_per_ml)}" data-res="{r}">'
                       f"{fmt_num(r)} mL pump</th>" for r in t.reservoirs_ml))
    head2 = "".join(f'<th scope="col" data-res="{r}" data-conc="{c}">{fmt_num(c)} mcg/mL</th>'
                    for r, c in cols)
    rows = []
    for dose in t.doses_mcg_per_day:
        cells = "".join(cell_html(whole_days(days_to_alarm(r, alarm, c, dose)), refill, r, c) for r, c in cols)
        rows.append(f'<tr data-dose="{dose}"><th scope="row">{fmt_num(dose)} mcg a day</th>{cells}</tr>')
    colgroups = '<colgroup><col></colgroup>' + "".join(
        f'<colgroup span="{len(t.concentrations_mcg_per_ml)}"></colgroup>' for _ in t.reservoirs_ml)

    def options(values, unit, all_label):
        return f'<option value="">{esc(all_label)}</option>' + "".join(
            f'<option value="{v}">{fmt_num(v)} {unit}</option>' for v in values)

    controls = (
        f'<div class="rt-controls" hidden>'
        f'<p class="rt-hint">Choose your pump size and strength to see only your numbers. '
        f"{esc(_cap_first(pump_team))} can tell you both.</p>"
        f'<div class="rt-control"><label for="{ctl["res"]}">Pump size</label>'
        f'<select id="{ctl["res"]}" data-rt="res">{options(t.reservoirs_ml, "mL", "All sizes")}</select></div>'
        f'<div class="rt-control"><label for="{ctl["conc"]}">Strength</label>'
        f'<select id="{ctl["conc"]}" data-rt="conc">'
        f'{options(t.concentrations_mcg_per_ml, "mcg/mL", "All strengths")}</select></div>'
        f'<div class="rt-control"><label for="{ctl["dose"]}">Highlight a dose</label>'
        f'<select id="{ctl["dose"]}" data-rt="dose">'
        f'{options(t.doses_mcg_per_day, "mcg a day", "No highlight")}</select></div>'
        f'<div class="rt-control"><label for="{ctl["sort"]}">Order</label>'
        f'<select id="{ctl["sort"]}" data-rt="sort"><option value="asc">Lowest dose first</option>'
        f'<option value="desc">Highest dose first</option></select></div>'
        f'<p class="rt-status" id="{ctl["status"]}" role="status"></p>'
        f"</div>")
    cap = int(refill.max_interval_days.value)
    table = (f'<p class="rt-title" id="{caption}">Days from a full refill until the low-reservoir alarm, '
             f'with the alarm set at {fmt_num(alarm)} mL (an example only)</p>'
             f'<div class="rt-scroll" id="{scroll}" role="region" aria-labelledby="{caption}" tabindex="0">'
             f'<table id="{ids("refill-table-grid")}" aria-labelledby="{caption}">'
             f"{colgroups}<thead><tr>{head1}</tr><tr>{head2}</tr></thead>"
             f'<tbody>{"".join(rows)}</tbody></table></div>')
    note = (f'<p class="rt-note"><strong>This table is an example, not your plan.</strong> '
            f"It assumes the pump is filled to the top. "
            f"The printout from your clinic's programmer gives your real alarm date. "
            f"{esc(_cap_first(pump_team))} books your refill some days before that date, "
            f"and within about {cap} days at most.</p>")
    return (f'<div class="itb-refill-table" id="{root}" data-itb-refill-table>'
            f"{controls}{table}{legend_html(refill)}{note}</div>")


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]
