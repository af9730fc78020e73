"""Charts as static inline SVG, drawn at build time from data/*.yml.

Every chart is a <figure class="chart"> with:
- two drawings of the same data, one laid out for wide screens (and print) and one for narrow screens,
  so text is never shrunk to an unreadable size; CSS shows exactly one (the other is display:none, which
  also hides it from screen readers);
- role="img" on each <svg>, with <title> (aria-labelledby) and <desc> (aria-describedby);
- a data table beside it in an open <details class="data-table">, so no value needs hover or colour;
- colours from CSS classes and variables (docs/stylesheets/tools.css), so the light and dark schemes work.
Element ids come from an IdMaker, so a chart can appear twice on a page (or on the combined print page).
"""
from __future__ import annotations

import html
import re
from typing import Callable, Iterable, Sequence

from .html import IdMaker, esc, fmt_num
from .models import DrugFile, RefillFile
from .refill import days_to_alarm, whole_days

WIDE, NARROW = 720, 360
FONT = 14
CHAR_W = 0.56  # average glyph width of the system sans-serif, in em; used to wrap SVG text


# ---------------------------------------------------------------- small SVG toolkit

def n(x: float) -> str:
    """A coordinate: at most 1 decimal, no trailing zeros."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def wrap(text: str, width_px: float, size: float = FONT, bold: bool = False) -> list[str]:
    """Split text into lines that fit width_px (estimated from an average glyph width)."""
    per_char = size * (CHAR_W + (0.04 if bold else 0))
    max_chars = max(8, int(width_px / per_char))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= max_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def text(x: float, y: float, content: str, cls: str = "c-text", anchor: str = "start", size: float | None = None,
         weight: str | None = None) -> str:
    attrs = f'x="{n(x)}" y="{n(y)}" class="{esc(cls)}"'
    if anchor != "start":
        attrs += f' text-anchor="{esc(anchor)}"'
    if size:
        attrs += f' font-size="{n(size)}"'
    if weight:
        attrs += f' font-weight="{esc(weight)}"'
    return f"<text {attrs}>{esc(content)}</text>"


def text_lines(x: float, y: float, lines: list[str], line_h: float, **kw) -> str:
    return "".join(text(x, y + i * line_h, line, **kw) for i, line in enumerate(lines))


# ---------------------------------------------------------------- geometry (label placement, tested)

Box = tuple[float, float, float, float]  # x1, y1, x2, y2


def text_box(x: float, y: float, content: str, anchor: str = "start", size: float = FONT,
             bold: bool = False) -> Box:
    """The box a line of SVG text covers (estimated from an average glyph width): baseline at y."""
    w = len(content) * size * (CHAR_W + (0.04 if bold else 0))
    x1 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    return (x1, y - 0.8 * size, x1 + w, y + 0.25 * size)


def segment_hits_box(p: tuple[float, float], q: tuple[float, float], box: Box, pad: float = 0.0) -> bool:
    """Does the segment p-q touch the box (grown by pad on every side)? Liang-Barsky clipping."""
    x1, y1, x2, y2 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - x1), (dx, x2 - p[0]), (-dy, p[1] - y1), (dy, y2 - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def polyline_hits_box(points: list[tuple[float, float]], box: Box, pad: float = 0.0) -> bool:
    if len(points) == 1:
        return segment_hits_box(points[0], points[0], box, pad)
    return any(segment_hits_box(a, b, box, pad) for a, b in zip(points, points[1:]))


def nice_step(top: float, max_ticks: int = 8) -> int:
    """The smallest 1, 2, 2.5 or 5 x 10^k step that covers 0..top in at most max_ticks steps."""
    scale = 1
    while True:
        for m in (1, 2, 2.5, 5):
            step = m * scale
            if step >= 1 and step == int(step) and top / step <= max_ticks:
                return int(step)
        scale *= 10


def svg_root(width: int, height: float, ids: IdMaker, base: str, title: str, desc: str, body: str,
             defs: str = "", variant: str = "wide") -> str:
    t_id, d_id = esc(ids(f"{base}-title")), esc(ids(f"{base}-desc"))
    return (f'<svg class="chart-svg chart-svg--{esc(variant)}" role="img" aria-labelledby="{t_id}" '
            f'aria-describedby="{d_id}" viewBox="0 0 {width} {n(height)}" width="{width}" height="{n(height)}" '
            f'font-size="{FONT}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{t_id}">{esc(title)}</title><desc id="{d_id}">{esc(desc)}</desc>'
            f"{f'<defs>{defs}</defs>' if defs else ''}{body}</svg>")


def data_table(caption: str, headers: list[str], rows: Iterable[list[str]], summary: str = "The numbers in this chart",
               row_headers: bool = True, stack: bool = False) -> str:
    """An open <details class="data-table"> holding a plain table (cells are HTML-safe strings). With `stack`,
    each row becomes a card on a narrow screen, each cell under its column's name (its data-label)."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    labels = [re.sub(r"<[^>]+>", "", h) for h in headers]
    body = []
    for row in rows:
        first = f'<th scope="row">{row[0]}</th>' if row_headers else f"<td>{row[0]}</td>"
        cells = (f'<td data-label="{esc(html.unescape(label))}">{c}</td>' if stack else f"<td>{c}</td>"
                 for label, c in zip(labels[1:], row[1:]))
        body.append("<tr>" + first + "".join(cells) + "</tr>")
    kind = "data-table data-table--stack" if stack else "data-table"
    return (f'<details class="{kind}" open><summary>{esc(summary)}</summary>'
            f'<div class="data-table__scroll" role="region" aria-label="{esc(caption)}" tabindex="0">'
            f'<table><caption>{esc(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div></details>')


def figure(ids: IdMaker, name: str, draw: Callable[[int, str], str], caption_html: str, table_html: str,
           extra_html: str = "") -> str:
    """The chart figure: a wide and a narrow drawing, a caption, extra HTML (a legend), the data table."""
    fig_id = esc(ids(f"{name}-chart"))
    return (f'<figure class="chart chart--{esc(name)}" id="{fig_id}">'
            f'<div class="chart__drawing chart__drawing--wide">{draw(WIDE, "wide")}</div>'
            f'<div class="chart__drawing chart__drawing--narrow">{draw(NARROW, "narrow")}</div>'
            f"<figcaption>{caption_html}</figcaption>{extra_html}{table_html}</figure>")


# A page's citation maker: source ids -> superscript numbers that link to the page's own source list
# (macros/render_sources.cite, bound to the page). Charts never print the internal ids (L1, P8...).
Cite = Callable[[Sequence[str]], str]


def sources_note(ids_: Iterable[str], cite: Cite) -> str:
    seen = list(dict.fromkeys(ids_))
    if not seen:
        raise ValueError("a chart with no sources: every chart's numbers need a source in data/")
    return f'<span class="chart-sources">Sources: {cite(seen)}</span>'



# ---------------------------------------------------------------- refill interval by daily dose

MARKERS = ("circle", "square", "triangle")


def _marker(shape: str, x: float, y: float, cls: str) -> str:
    if shape == "circle":
        return f'<circle cx="{n(x)}" cy="{n(y)}" r="4" class="{cls}"/>'
    if shape == "square":
        return f'<rect x="{n(x - 3.5)}" y="{n(y - 3.5)}" width="7" height="7" class="{cls}"/>'
    return f'<path d="M{n(x)} {n(y - 5)}L{n(x + 4.5)} {n(y + 3.5)}L{n(x - 4.5)} {n(y + 3.5)}Z" class="{cls}"/>'


def refill_chart_series(refill: RefillFile) -> dict[int, dict[int, list[tuple[int, int]]]]:
    """{reservoir: {concentration: [(dose, whole days to alarm), ...]}} from the table axes."""
    t = refill.table
    return {r: {c: [(d, whole_days(days_to_alarm(r, t.alarm_ml, c, d))) for d in t.doses_mcg_per_day]
                for c in t.concentrations_mcg_per_ml} for r in t.reservoirs_ml}


def refill_interval_chart(refill: RefillFile, ids: IdMaker, *, cite: Cite) -> str:
    t = refill.table
    if len(t.concentrations_mcg_per_ml) > len(MARKERS):
        raise ValueError(f"data/refill.yml: table.concentrations_mcg_per_ml: the chart can draw at most "
                         f"{len(MARKERS)} strengths (got {len(t.concentrations_mcg_per_ml)})")
    series = refill_chart_series(refill)
    cap = int(refill.max_interval_days.value)
    # The days axis comes from the data: every value is drawn, none runs off the top. Both panels share it,
    # so the pump sizes compare at a glance.
    data_max = max(v for by_conc in series.values() for pts in by_conc.values() for _, v in pts)
    y_step = nice_step(max(data_max, cap))
    y_max = -(-max(data_max, cap) // y_step) * y_step
    x_max = t.doses_mcg_per_day[-1]
    concs = ", ".join(f"{fmt_num(c)}" for c in t.concentrations_mcg_per_ml)
    limit_words = f"Limit: about {cap} days"
    title = "Days from a full refill to the low-reservoir alarm, by daily dose"
    desc = (f"One panel for each pump size ({', '.join(f'{fmt_num(r)} mL' for r in t.reservoirs_ml)}). "
            f"Each panel has one line for each strength ({concs} mcg/mL). "
            f"The higher the daily dose, the fewer the days. A stronger medicine or a bigger pump gives more days. "
            f"The days run from 0 to {fmt_num(y_max)}. "
            f"A dashed line marks the upper limit of about {cap} days: a pump is refilled by then even when "
            f"medicine is left. The table below gives every value.")

    def draw(width: int, variant: str) -> str:
        side_by_side = variant == "wide"
        panel_w = (width - 16) / 2 if side_by_side else width
        panel_h = 320 if side_by_side else 290
        left, right, top, bottom = 50, 24, 44, 50
        # legend: one entry per strength (line style, marker and words, never colour alone), then the limit
        body = []
        lx, ly = 4.0, 16.0
        entries = [(f"{fmt_num(c)} mcg/mL", k) for k, c in enumerate(t.concentrations_mcg_per_ml)]
        entries.append((limit_words, None))
        for label, k in entries:
            item_w = 40 + len(label) * FONT * (CHAR_W + 0.04) + 18
            if lx + item_w > width:
                lx, ly = 4.0, ly + 22
            if k is None:
                body.append(f'<line x1="{n(lx)}" x2="{n(lx + 32)}" y1="{n(ly - 5)}" y2="{n(ly - 5)}" class="c-limit"/>')
                body.append(text(lx + 40, ly, label, cls="c-text c-limit-label", weight="700"))
            else:
                body.append(f'<line x1="{n(lx)}" x2="{n(lx + 32)}" y1="{n(ly - 5)}" y2="{n(ly - 5)}" '
                            f'class="c-line c-line-{k + 1}"/>')
                body.append(_marker(MARKERS[k], lx + 16, ly - 5, f"c-mark c-mark-{k + 1}"))
                body.append(text(lx + 40, ly, label, cls="c-text", weight="700"))
            lx += item_w
        legend_h = ly + 14
        for p, res in enumerate(t.reservoirs_ml):
            ox = p * (panel_w + 16) if side_by_side else 0
            oy = legend_h + (0 if side_by_side else p * (panel_h + 12))
            pw, ph = panel_w - left - right, panel_h - top - bottom
            x0, y0 = ox + left, oy + top

            def sx(d: float) -> float:
                return x0 + pw * d / x_max

            def sy(v: float) -> float:
                return y0 + ph - ph * v / y_max

            body.append(text(ox + left, oy + 16, f"{fmt_num(res)} mL pump", cls="c-text c-title", weight="700"))
            body.append(text(ox + 4, y0 - 10, "Days to the alarm", cls="c-text c-label"))
            for v in range(0, y_max + 1, y_step):
                body.append(f'<line x1="{n(x0)}" x2="{n(x0 + pw)}" y1="{n(sy(v))}" y2="{n(sy(v))}" class="c-grid"/>')
                body.append(text(x0 - 6, sy(v) + 5, fmt_num(v), cls="c-text c-tick", anchor="end"))
            step = 100 if pw > 420 else 200
            for d in range(0, x_max + 1, step):
                body.append(f'<line x1="{n(sx(d))}" x2="{n(sx(d))}" y1="{n(y0 + ph)}" y2="{n(y0 + ph + 5)}" '
                            f'class="c-axis"/>')
                body.append(text(sx(d), y0 + ph + 20, fmt_num(d), cls="c-text c-tick", anchor="middle"))
            body.append(f'<line x1="{n(x0)}" x2="{n(x0 + pw)}" y1="{n(y0 + ph)}" y2="{n(y0 + ph)}" class="c-axis"/>')
            body.append(f'<line x1="{n(x0)}" x2="{n(x0)}" y1="{n(y0)}" y2="{n(y0 + ph)}" class="c-axis"/>')
            body.append(text(x0 + pw / 2, y0 + ph + 40, "Daily dose (mcg a day)", cls="c-text c-label",
                             anchor="middle"))
            plot = [f'<g class="c-plot" data-plot="{n(x0)} {n(y0)} {n(pw)} {n(ph)}">']
            lines_px = []
            for k, conc in enumerate(t.concentrations_mcg_per_ml):
                pts = [(sx(d), sy(v)) for d, v in series[res][conc]]
                lines_px.append(pts)
                plot.append(f'<path d="M{"L".join(f"{n(x)} {n(y)}" for x, y in pts)}" class="c-line c-line-{k + 1}"/>')
                plot += [_marker(MARKERS[k], x, y, f"c-mark c-mark-{k + 1}") for x, y in pts]
            # the upper limit, drawn last so it sits on top, labelled where no line passes
            plot.append(f'<line x1="{n(x0)}" x2="{n(x0 + pw)}" y1="{n(sy(cap))}" y2="{n(sy(cap))}" class="c-limit"/>')
            spot = _free_label_spot(limit_words, (x0, y0, x0 + pw, y0 + ph), sy(cap), lines_px)
            if spot:
                plot.append(text_lines(spot[0], spot[1], spot[3], LABEL_LINE_H, cls="c-text c-limit-label",
                                       anchor=spot[2], weight="700"))
            body += plot + ["</g>"]
        height = legend_h + (panel_h if side_by_side else len(t.reservoirs_ml) * (panel_h + 12) - 12)
        return svg_root(width, height, ids, f"refill-chart-{variant}", title, desc, "".join(body), variant=variant)

    caption = (f"<strong>{esc(title)}.</strong> Illustrative only: it assumes a pump filled to the top, with the "
               f"alarm at {fmt_num(t.alarm_ml)} mL. The printout from your clinic's programmer gives your real "
               f"alarm date. {sources_note(refill.rule.sources + refill.max_interval_days.sources, cite)}")
    headers = ["Daily dose"] + [f"{fmt_num(r)} mL, {fmt_num(c)} mcg/mL"
                                for r in t.reservoirs_ml for c in t.concentrations_mcg_per_ml]
    rows = []
    for i, dose in enumerate(t.doses_mcg_per_day):
        rows.append([f"{fmt_num(dose)} mcg a day"] + [f"{fmt_num(series[r][c][i][1])} days"
                                                     for r in t.reservoirs_ml for c in t.concentrations_mcg_per_ml])
    table = data_table("Days from a full refill to the low-reservoir alarm", headers, rows)
    return figure(ids, "refill", draw, caption, table)


LABEL_PAD = 6  # px kept clear between a label and any data line or marker
LABEL_LINE_H = 16


def _free_label_spot(words: str, plot: Box, y_line: float,
                     lines: list[list[tuple[float, float]]]) -> tuple[float, float, str, list[str]] | None:
    """Where to write a horizontal line's label so that it touches no data line: just above or just below
    the line, at the right, the left or the middle of the plot; on one line, else on two. Returns
    (x, first baseline, anchor, lines of text), or None when every spot is taken (the legend names the line
    anyway)."""
    x_left, y_top, x_right, y_bottom = plot
    words_list = words.split()
    half = (len(words_list) + 1) // 2
    for label_lines in ([words], [" ".join(words_list[:half]), " ".join(words_list[half:])]):
        longest = max(label_lines, key=len)
        extra = LABEL_LINE_H * (len(label_lines) - 1)
        for first in (y_line - 8 - extra, y_line + 19):
            for x, anchor in ((x_right - 4, "end"), (x_left + 6, "start"), ((x_left + x_right) / 2, "middle")):
                box = text_box(x, first, longest, anchor, bold=True)
                box = (box[0], box[1], box[2], box[3] + extra)
                if box[1] < y_top or box[3] > y_bottom or box[0] < x_left or box[2] > x_right:
                    continue
                if not any(polyline_hits_box(pts, box, LABEL_PAD) for pts in lines):
                    return x, first, anchor, label_lines
    return None


# ---------------------------------------------------------------- trial dose over time

def trial_dose_chart(drug: DrugFile, ids: IdMaker, *, cite: Cite) -> str:
    s = drug.screening
    onset, peak, dur = s.onset_hours, s.peak_hours, s.duration_hours
    # The three phases sit one after another on one time axis, so they can never contradict each other:
    # starting (onset), strongest (peak), then wearing off from the end of the peak to the longest duration.
    if not (onset.max <= peak.min < peak.max < dur.max):
        raise ValueError("data/drug.yml: screening: the times must follow each other: onset_hours.max <= "
                         f"peak_hours.min < peak_hours.max < duration_hours.max (got onset {fmt_num(onset.max)}, "
                         f"peak {fmt_num(peak.min)} to {fmt_num(peak.max)}, duration up to {fmt_num(dur.max)})")
    x_max = int(dur.max) + 2
    stages = [("Starts to work", onset.min, onset.max, _hours(onset.min, onset.max), "c-stage-1"),
              ("Strongest effect", peak.min, peak.max, _hours(peak.min, peak.max), "c-stage-2"),
              ("Wears off", peak.max, dur.max, f"gone by about {fmt_num(dur.max)} hours", "c-stage-3")]
    title = "How a trial dose works over the hours after it is given"
    desc = (f"A curve shows the effect on stiffness rising and falling over {x_max} hours. "
            + " ".join(f"{label}: {when} after the dose." for label, _, _, when, _ in stages[:2])
            + f" It then wears off and is gone by about {fmt_num(dur.max)} hours."
            + " The shape of the curve is only a sketch; the times come from the drug label.")

    def draw(width: int, variant: str) -> str:
        left, right = (24, 20) if variant == "wide" else (14, 14)
        pw = width - left - right
        top, curve_h = 16, 150 if variant == "wide" else 130

        def sx(h: float) -> float:
            return left + pw * h / x_max

        base = top + curve_h

        def sy(e: float) -> float:
            return base - (curve_h - 30) * e  # the top 30 px stay free for the axis label

        body = [f'<line x1="{n(left)}" x2="{n(left + pw)}" y1="{n(base)}" y2="{n(base)}" class="c-axis"/>',
                f'<line x1="{n(left)}" x2="{n(left)}" y1="{n(top)}" y2="{n(base)}" class="c-axis"/>',
                text(left + 6, top + 4, "Effect (sketch, no scale)", cls="c-text c-label")]
        # a smooth hump: flat until the effect starts, highest in the middle of the peak window,
        # back to nothing at the longest duration
        start, top_at, end = onset.min, (peak.min + peak.max) / 2, dur.max
        c1, c2 = (start + top_at) / 2, (top_at + end) / 2
        curve = (f"M{n(sx(0))} {n(sy(0))}L{n(sx(start))} {n(sy(0))}"
                 f"C{n(sx(c1))} {n(sy(0))} {n(sx(c1))} {n(sy(1))} {n(sx(top_at))} {n(sy(1))}"
                 f"C{n(sx(c2))} {n(sy(1))} {n(sx(c2))} {n(sy(0))} {n(sx(end))} {n(sy(0))}"
                 f"L{n(sx(x_max))} {n(sy(0))}")
        body.append(f'<g class="c-plot" data-plot="{n(left)} {n(top)} {n(pw)} {n(curve_h)}">'
                    f'<path d="{curve}" class="c-line c-line-1 c-curve"/></g>')
        for h in range(0, x_max + 1, 1 if variant == "wide" else 2):
            body.append(f'<line x1="{n(sx(h))}" x2="{n(sx(h))}" y1="{n(base)}" y2="{n(base + 5)}" class="c-axis"/>')
            body.append(text(sx(h), base + 20, fmt_num(h), cls="c-text c-tick", anchor="middle"))
        body.append(text(left + pw / 2, base + 40, "Hours after the dose", cls="c-text c-label", anchor="middle"))
        # one labelled bar per stage, on the same time axis
        y = base + 62
        bars = []
        for i, (label, start_h, end_h, when, cls) in enumerate(stages):
            words = f"{label}: {when}"
            lines = wrap(words, pw, bold=True)
            body.append(text_lines(left, y, lines, 18, cls="c-text", weight="700"))
            y += 18 * (len(lines) - 1) + 8
            bars.append(f'<rect x="{n(sx(start_h))}" y="{n(y)}" width="{n(max(sx(end_h) - sx(start_h), 3))}" '
                        f'height="14" class="c-bar {cls}" data-hours="{n(start_h)} {n(end_h)}"/>')
            y += 14
            bars_bottom = y
            y += 26
        body.append(f'<g class="c-plot" data-plot="{n(left)} {n(base + 40)} {n(pw)} {n(bars_bottom - base - 40)}">'
                    + "".join(bars) + "</g>")
        return svg_root(width, y - 16, ids, f"trial-chart-{variant}", title, desc, "".join(body), variant=variant)

    caption = (f"<strong>{esc(title)}.</strong> The times come from the drug label. Sources differ a little on "
               f"when the effect is strongest. The curve only shows the general shape: it is not a measurement. "
               f"{sources_note(onset.sources + peak.sources + dur.sources, cite)}")
    rows = [[esc(label), esc(when)] for label, _, _, when, _ in stages]
    if peak.note:
        rows[1][1] += f" ({esc(peak.note)})"
    rows[2][1] += esc(f" (in all, the effect lasts {_hours(dur.min, dur.max)})")
    table = data_table("Times after a trial dose", ["Stage", "Hours after the dose"], rows)
    return figure(ids, "trial", draw, caption, table)


def _hours(lo: float, hi: float) -> str:
    unit = "hour" if hi <= 1 else "hours"
    return f"{fmt_num(lo)} to {fmt_num(hi)} {unit}"


# ---------------------------------------------------------------- oral versus intrathecal

def oral_vs_intrathecal_chart(drug: DrugFile, ids: IdMaker, *, cite: Cite) -> str:
    oral = drug.oral_baclofen
    rows_data = [("Tablets (oral baclofen): usual amount", oral.usual_mg_per_day.min * 1000,
                  oral.usual_mg_per_day.max * 1000, "c-bar-oral", oral.usual_mg_per_day.sources)]
    for m in drug.maintenance_mcg_per_day:
        rows_data.append((f"Pump: {m.label[:1].lower() + m.label[1:]}", m.range.min, m.range.max, "c-bar-it",
                          m.range.sources))
    x_max_mg = max(oral.label_max_mg_per_day.value, oral.usual_mg_per_day.max)
    title = "Baclofen a day: tablets compared with the pump, on one scale"
    desc = (f"Horizontal bars on one scale from 0 to {fmt_num(x_max_mg)} mg a day. "
            + " ".join(f"{label}: {_amount(lo, hi)}." for label, lo, hi, _, _ in rows_data)
            + " The pump bars are so thin they are hard to see: the pump uses a tiny fraction of the tablet amount."
            " This is not a rule for changing one into the other.")

    def draw(width: int, variant: str) -> str:
        left, right = 14, 20
        pw = width - left - right

        def sx(mcg: float) -> float:
            return left + pw * mcg / (x_max_mg * 1000)

        body, y = [], 24
        for label, lo, hi, cls, _ in rows_data:
            lines = wrap(label, pw, bold=True)
            body.append(text_lines(left, y, lines, 18, cls="c-text", weight="700"))
            y += 18 * (len(lines) - 1) + 8
            bar_w = max(sx(hi) - sx(lo), 2.5)
            bar = f'<rect x="{n(sx(lo))}" y="{n(y)}" width="{n(bar_w)}" height="18" class="c-bar {cls}"/>'
            amount = _amount(lo, hi)
            if cls == "c-bar-oral" and bar_w > len(amount) * FONT * CHAR_W + 12:
                # Drawn on the bar, so it sits right after its bar: its contrast is against the bar's color.
                on_bar, beside = text(sx(lo) + 6, y + 14, amount, cls="c-text c-on-bar"), ""
            else:
                on_bar, beside = "", text(sx(lo) + bar_w + 6, y + 14, amount, cls="c-text")
            body.append(f'<g class="c-plot" data-plot="{n(left)} {n(y)} {n(pw)} 18">{bar}{on_bar}</g>{beside}')
            y += 18 + 30
        base = y - 14
        body.append(f'<line x1="{n(left)}" x2="{n(left + pw)}" y1="{n(base)}" y2="{n(base)}" class="c-axis"/>')
        step = 10 if variant == "wide" else 20
        for mg in range(0, int(x_max_mg) + 1, step):
            x = sx(mg * 1000)
            body.append(f'<line x1="{n(x)}" x2="{n(x)}" y1="{n(base)}" y2="{n(base + 5)}" class="c-axis"/>')
            body.append(text(x, base + 20, fmt_num(mg), cls="c-text c-tick", anchor="middle"))
        body.append(text(left + pw / 2, base + 40, "mg a day (1 mg = 1,000 mcg)", cls="c-text c-label",
                         anchor="middle"))
        return svg_root(width, base + 50, ids, f"oral-chart-{variant}", title, desc, "".join(body), variant=variant)

    ratio = oral.plasma_ratio_note
    caption = (f"<strong>{esc(title)}.</strong> <strong>This is not a conversion rule.</strong> "
               f"The pump dose is found with a trial dose and small steps, not worked out from tablets. "
               f"With the pump, the medicine works with blood levels about {fmt_num(ratio.value)} times lower "
               f"than with tablets. "
               f"{sources_note([s for *_, src in rows_data for s in src] + ratio.sources, cite)}")
    table_rows = [[esc(label), esc(f"{_mg(lo)} to {_mg(hi)} mg ({fmt_num(lo)} to {fmt_num(hi)} mcg)")]
                  for label, lo, hi, _, src in rows_data]
    table = data_table("Usual daily amounts of baclofen", ["Who or what", "Amount a day"], table_rows)
    return figure(ids, "oral", draw, caption, table)


def _mg(mcg: float) -> str:
    return fmt_num(mcg / 1000)


def _amount(lo_mcg: float, hi_mcg: float) -> str:
    """'40 to 80 mg a day' for tablets; '0.3 to 0.8 mg a day (300 to 800 mcg)' for small amounts."""
    text_ = f"{_mg(lo_mcg)} to {_mg(hi_mcg)} mg a day"
    if hi_mcg < 10000:
        text_ += f" ({fmt_num(lo_mcg)} to {fmt_num(hi_mcg)} mcg)"
    return text_
