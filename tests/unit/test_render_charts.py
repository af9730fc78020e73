"""The build-time SVG charts (macros/render_charts.py): accessible structure, values from data/, a data
table beside each chart, unique ids when a chart is used twice."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, cite_numbers
from macros.data import load_site_data
from macros.html import IdMaker
from macros.render_charts import (NARROW, WIDE, oral_vs_intrathecal_chart, refill_chart_series, refill_interval_chart,
                                  trial_dose_chart, wrap)

SITE = load_site_data(ROOT / "data")
CHARTS = {
    "refill": lambda ids: refill_interval_chart(SITE.refill, ids, cite=cite_numbers),
    "trial": lambda ids: trial_dose_chart(SITE.drug, ids, cite=cite_numbers),
    "oral": lambda ids: oral_vs_intrathecal_chart(SITE.drug, ids, cite=cite_numbers),
}


def svg_text(svg) -> str:
    return " ".join(t.get_text() for t in svg.find_all("text"))


@pytest.mark.parametrize("name", CHARTS)
def test_chart_structure(name):
    soup = BeautifulSoup(CHARTS[name](IdMaker("page")), "html.parser")
    fig = soup.select_one("figure.chart")
    assert fig is not None and f"chart--{name}" in fig["class"]
    svgs = fig.find_all("svg")
    assert [s["viewbox"].split()[2] for s in svgs] == [str(WIDE), str(NARROW)]
    for svg in svgs:
        assert svg["role"] == "img"
        title = soup.find(id=svg["aria-labelledby"])
        desc = soup.find(id=svg["aria-describedby"])
        assert title.name == "title" and title.parent is svg and len(title.get_text()) > 20
        assert desc.name == "desc" and desc.parent is svg and len(desc.get_text()) > 60
        for el in svg.select("[fill]"):  # colours come from CSS classes, except pattern references
            assert el["fill"].startswith("url(#")
    details = fig.select_one("details.data-table")
    assert details.has_attr("open") and details.find("table") is not None
    assert not details.find("table").get("class")
    assert fig.figcaption.get_text().strip()


@pytest.mark.parametrize("name", CHARTS)
def test_twice_on_a_page_gives_unique_ids_and_no_blank_lines(name):
    ids = IdMaker("page")
    html = CHARTS[name](ids) + CHARTS[name](ids)
    assert not re.search(r"\n\s*\n", html)
    counts = Counter(t["id"] for t in BeautifulSoup(html, "html.parser").select("[id]"))
    assert counts and all(n == 1 for n in counts.values()), counts
    refs = re.findall(r'(?:aria-labelledby|aria-describedby)="([^"]+)"', html) + re.findall(r'url\(#([^)]+)\)', html)
    assert refs and all(r in counts for r in refs)


def test_refill_chart_values_come_from_the_arithmetic():
    series = refill_chart_series(SITE.refill)
    assert series[20][2000][4] == (400, 90)
    assert series[40][2000][0] == (100, 760)
    assert series[20][500][-1] == (1000, 9)
    soup = BeautifulSoup(refill_interval_chart(SITE.refill, IdMaker("m"), cite=cite_numbers), "html.parser")
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in soup.select(".data-table tbody tr")]
    assert rows[0] == ["100 mcg a day", "90 days", "180 days", "360 days", "190 days", "380 days", "760 days"]
    assert rows[-1] == ["1,000 mcg a day", "9 days", "18 days", "36 days", "19 days", "38 days", "76 days"]
    wide = soup.select_one(".chart__drawing--wide svg")
    words = svg_text(wide)
    for label in ("500 mcg/mL", "1,000 mcg/mL", "2,000 mcg/mL", "20 mL pump", "40 mL pump",
                  "Limit: about 180 days", "Daily dose (mcg a day)"):
        assert label in words
    # one line per strength in each pump-size panel, each with its own dash style class
    lines = wide.select("path.c-line")
    assert len(lines) == 6 and {tuple(p["class"]) for p in lines} == {("c-line", f"c-line-{k}") for k in (1, 2, 3)}
    assert "180-day" in soup.figcaption.get_text() or "real alarm date" in soup.figcaption.get_text()


def test_refill_chart_rejects_more_strengths_than_it_can_tell_apart():
    t = SITE.refill.table.model_copy(update={"concentrations_mcg_per_ml": [250, 500, 1000, 2000]})
    with pytest.raises(ValueError, match="at most 3 strengths"):
        refill_interval_chart(SITE.refill.model_copy(update={"table": t}), IdMaker(""), cite=cite_numbers)


def test_trial_chart_times_come_from_drug_yml():
    soup = BeautifulSoup(trial_dose_chart(SITE.drug, IdMaker("t"), cite=cite_numbers), "html.parser")
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in soup.select(".data-table tbody tr")]
    assert rows[0] == ["Starts to work", "0.5 to 1 hour"]
    assert rows[1][0] == "Strongest effect" and rows[1][1].startswith("4 to 6 hours (The label says about 4 hours")
    assert rows[2] == ["Wears off", "gone by about 8 hours (in all, the effect lasts 4 to 8 hours)"]
    words = svg_text(soup.select_one(".chart__drawing--narrow svg"))
    assert "Starts to work: 0.5 to 1 hour" in words and "Hours after the dose" in words
    assert "sketch" in soup.figcaption.get_text() or "shape" in soup.figcaption.get_text()


def test_trial_chart_follows_changed_data():
    s = SITE.drug.screening
    changed = s.model_copy(update={"duration_hours": s.duration_hours.model_copy(update={"max": 10})})
    drug = SITE.drug.model_copy(update={"screening": changed})
    soup = BeautifulSoup(trial_dose_chart(drug, IdMaker("t"), cite=cite_numbers), "html.parser")
    assert soup.select(".data-table tbody tr")[2].td.get_text() == (
        "gone by about 10 hours (in all, the effect lasts 4 to 10 hours)")
    ticks = [t.get_text() for t in soup.select(".chart__drawing--wide text.c-tick")]
    assert ticks[-1] == "12"  # the axis runs 2 hours past the longest duration


@pytest.mark.parametrize("variant", ["wide", "narrow"])
def test_trial_chart_phases_follow_each_other_on_one_axis(variant):
    """Issue 18, item 6: 'worn off' must not start under 'strongest effect'. The three bars run left to right
    without overlapping: 0.5-1 h, 4-6 h, then 6-8 h (hand-written from data/drug.yml's screening times)."""
    soup = BeautifulSoup(trial_dose_chart(SITE.drug, IdMaker("t"), cite=cite_numbers), "html.parser")
    bars = soup.select(f".chart__drawing--{variant} svg rect.c-bar")
    assert [b["data-hours"] for b in bars] == ["0.5 1", "4 6", "6 8"]
    spans = [(float(b["x"]), float(b["x"]) + float(b["width"])) for b in bars]
    assert all(spans[i][1] <= spans[i + 1][0] + 0.01 for i in range(len(spans) - 1)), spans
    assert spans[0][0] < spans[1][0] < spans[2][0]
    words = svg_text(soup.select_one(f".chart__drawing--{variant} svg"))
    assert "Worn off by" not in words and "Wears off: gone by about 8 hours" in words


def test_trial_chart_refuses_times_that_contradict_each_other():
    s = SITE.drug.screening
    late_peak = s.model_copy(update={"peak_hours": s.peak_hours.model_copy(update={"max": 9})})
    with pytest.raises(ValueError, match="data/drug.yml: screening: the times must follow each other"):
        trial_dose_chart(SITE.drug.model_copy(update={"screening": late_peak}), IdMaker("t"), cite=cite_numbers)


def test_chart_captions_cite_with_the_page_numbers_not_source_codes():
    """Issue 18, item 5: the caption's sources are whatever the page's citation maker gives (numbers), never
    the internal ids."""
    for name, chart in CHARTS.items():
        caption = BeautifulSoup(chart(IdMaker("c")), "html.parser").figcaption
        note = caption.select_one(".chart-sources")
        assert note.select_one("sup.cite") is not None, name
        assert not re.search(r"\b[LPRD]\d{1,2}\b", caption.get_text()), name


def test_oral_chart_is_one_scale_and_not_a_conversion():
    soup = BeautifulSoup(oral_vs_intrathecal_chart(SITE.drug, IdMaker("s"), cite=cite_numbers), "html.parser")
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in soup.select(".data-table tbody tr")]
    assert rows[0] == ["Tablets (oral baclofen): usual amount", "40 to 80 mg (40,000 to 80,000 mcg)"]
    assert rows[1] == ["Pump: adults whose spasticity comes from the spinal cord", "0.3 to 0.8 mg (300 to 800 mcg)"]
    assert rows[3] == ["Pump: children under 12", "0.024 to 1.199 mg (24 to 1,199 mcg)"]
    caption = soup.figcaption.get_text()
    assert "not a conversion rule" in caption and "about 100 times lower" in caption
    wide = soup.select_one(".chart__drawing--wide svg")
    bars = wide.select("rect.c-bar")
    widths = [float(b["width"]) for b in bars]
    # one scale: the tablet bar is far longer than any pump bar
    assert widths[0] > 200 and max(widths[1:]) < 15
    assert "0.3 to 0.8 mg a day (300 to 800 mcg)" in svg_text(wide)


def test_wrap_keeps_words_whole_and_fits_width():
    lines = wrap("A missed refill, an empty pump, a catheter problem, or the battery running out", 160)
    assert " ".join(lines) == "A missed refill, an empty pump, a catheter problem, or the battery running out"
    assert all(len(line) <= 160 / (14 * 0.56) for line in lines) and len(lines) > 2


# ---------------------------------------------------------------- geometry: read back from the SVG itself
# The checks below parse the drawn SVG (not the chart code's own numbers) and use their own, generous text
# width estimate (0.62 em a character), so a label that only just misses a line still fails.

NUM = r"-?\d+(?:\.\d+)?"


def path_points(d: str) -> list[list[tuple[float, float]]]:
    """Absolute M/L/C path data -> polylines (a cubic is sampled at 24 points). One list per subpath."""
    out: list[list[tuple[float, float]]] = []
    for cmd, args in re.findall(r"([MLCZ])([^MLCZ]*)", d):
        nums = [float(v) for v in re.findall(NUM, args)]
        pairs = list(zip(nums[::2], nums[1::2]))
        if cmd == "M":
            out.append(pairs[:1])
            out[-1] += pairs[1:]
        elif cmd == "L":
            out[-1] += pairs
        elif cmd == "C":
            for i in range(0, len(pairs), 3):
                (x0, y0), (x1, y1), (x2, y2), (x3, y3) = out[-1][-1], *pairs[i:i + 3]
                for k in range(1, 25):
                    t = k / 24
                    a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
                    out[-1].append((a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3))
    return out


def label_box(el, pad: float = 2.0) -> tuple[float, float, float, float]:
    size = float(el.get("font-size", 14))
    w = len(el.get_text()) * size * 0.62
    x, y = float(el["x"]), float(el["y"])
    anchor = el.get("text-anchor", "start")
    x1 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    return (x1 - pad, y - 0.85 * size - pad, x1 + w + pad, y + 0.3 * size + pad)


def inside(pt, box) -> bool:
    return box[0] <= pt[0] <= box[2] and box[1] <= pt[1] <= box[3]


def dense(polyline):
    """Points every pixel or so along a polyline."""
    pts = []
    for (x0, y0), (x1, y1) in zip(polyline, polyline[1:]):
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
        pts += [(x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps) for k in range(steps + 1)]
    return pts or polyline


def data_lines(svg) -> list[list[tuple[float, float]]]:
    """Every data line (path.c-line) and limit line (line.c-limit inside a plot) as dense points."""
    lines = []
    for path in svg.select("g.c-plot path.c-line"):
        lines += [dense(p) for p in path_points(path["d"])]
    for line in svg.select("g.c-plot line.c-limit"):
        lines.append(dense([(float(line["x1"]), float(line["y1"])), (float(line["x2"]), float(line["y2"]))]))
    return lines


def all_svgs():
    for name, make in CHARTS.items():
        soup = BeautifulSoup(make(IdMaker("g")), "html.parser")
        for svg in soup.select("svg.chart-svg"):
            yield f"{name}/{svg['class'][-1]}", svg


@pytest.mark.parametrize("name,svg", list(all_svgs()), ids=lambda v: v if isinstance(v, str) else "")
def test_no_label_touches_a_line(name, svg):
    lines = data_lines(svg)
    assert lines or name.startswith("oral"), f"{name}: no data lines found"
    for el in svg.find_all("text"):
        box = label_box(el)
        hits = [pt for line in lines for pt in line if inside(pt, box)]
        assert not hits, f"{name}: label {el.get_text()!r} at ({el['x']}, {el['y']}) lies on a line at {hits[0]}"


@pytest.mark.parametrize("name,svg", list(all_svgs()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_point_is_inside_its_plot_area(name, svg):
    plots = svg.select("g.c-plot")
    assert plots, f"{name}: no plot area (g.c-plot) marked"
    width, height = (float(v) for v in svg["viewbox"].split()[2:])
    for g in plots:
        x, y, w, h = (float(v) for v in g["data-plot"].split())
        assert 0 <= x and 0 <= y and x + w <= width and y + h <= height, f"{name}: plot area outside the drawing"
        for el in g.find_all(["path", "circle", "rect", "line"]):
            marker = "c-mark" in el.get("class", [])
            tol = 5.5 if marker else 0.5   # a marker is centred on its point and may overhang by its radius
            box = (x - tol, y - tol, x + w + tol, y + h + tol)
            if el.name == "path":
                pts = [pt for sub in path_points(el["d"]) for pt in sub]
            elif el.name == "circle":
                pts = [(float(el["cx"]), float(el["cy"]))]
            elif el.name == "line":
                pts = [(float(el["x1"]), float(el["y1"])), (float(el["x2"]), float(el["y2"]))]
            else:
                rx, ry = float(el["x"]), float(el["y"])
                pts = [(rx, ry), (rx + float(el["width"]), ry + float(el["height"]))]
            outside = [pt for pt in pts if not inside(pt, box)]
            assert not outside, f"{name}: {el.name}.{' '.join(el.get('class', []))} has points outside " \
                                f"the plot area {x, y, w, h}: {outside[:3]}"


def test_refill_chart_axis_covers_every_value():
    """The longest interval in the table (40 mL, 2,000 mcg/mL, 100 mcg a day: 38 x 2,000 / 100 = 760 days)
    is on the chart, so the days axis runs to 800 in steps of 100."""
    soup = BeautifulSoup(refill_interval_chart(SITE.refill, IdMaker("a"), cite=cite_numbers), "html.parser")
    for svg in soup.select("svg.chart-svg"):
        panels = svg.select("g.c-plot")
        assert len(panels) == 2
        ticks = [t.get_text() for t in svg.select("text.c-tick[text-anchor=end]")]
        assert ticks[:9] == ["0", "100", "200", "300", "400", "500", "600", "700", "800"], ticks
        # The limit is named in the legend, and beside its line in each panel.
        assert [t.get_text() for t in svg.select("text.c-limit-label") if not t.find_parent("g")] == \
            ["Limit: about 180 days"]
        for panel in panels:
            assert " ".join(t.get_text() for t in panel.select("text.c-limit-label")) == "Limit: about 180 days"
    assert "runs off" not in soup.get_text()
