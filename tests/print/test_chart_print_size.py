"""Issue 18, item 8: every chart's text in the handbook PDF is at least 7 pt.

Measured on the combined page the PDF is printed from, laid out exactly as tools/make_pdf.py lays it out
(print media, the paper's text width): a label's printed size is its font size times the scale its drawing is
drawn at, and 1 CSS px prints as 0.75 pt. The size of the words in the real PDF is checked too, from
pdftotext -bbox, for labels that only a chart has."""
from __future__ import annotations

import re
import subprocess

import pytest

from tools import make_pdf

CHART_TEXT_PT = """() => [...document.querySelectorAll('figure.chart .chart__drawing svg')]
  .filter(svg => svg.checkVisibility())
  .map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale * 0.75]);
    return {chart: svg.querySelector('title').textContent, sizes};
  })"""


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_every_chart_prints_its_text_at_7pt_or_more(open_page, paper):
    page = open_page(make_pdf.PRINT_PAGE)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": make_pdf.CONTENT_WIDTH_PX[paper], "height": 900})
    charts = page.evaluate(CHART_TEXT_PT)
    assert len(charts) == 5, [c["chart"] for c in charts]  # one drawing per chart (the wide one), counted by hand
    small = {c["chart"]: sorted({round(s, 2) for _, s in c["sizes"] if s < 7})[:3] for c in charts}
    small = {k: v for k, v in small.items() if v}
    assert not small, f"chart text under 7 pt on {paper} paper: {small}"


def test_symptom_chart_labels_in_the_pdf_are_7pt_or_more(handbook):
    # Words only the symptom comparison chart prints (its side headings), sized from their boxes in the PDF.
    xml = subprocess.run(["pdftotext", "-bbox", str(handbook.path), "-"], capture_output=True, text=True,
                         check=True).stdout
    sizes = [(float(y1) - float(y0)) / 1.117 for y0, y1, word in
             re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', xml)
             if word in {"Floppiness", "Grumpy"}]
    assert sizes, "the symptom chart's labels are not in the PDF"
    assert min(sizes) >= 6.95, f"symptom chart text prints at {min(sizes):.2f} pt"
