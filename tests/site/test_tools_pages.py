"""The tables, charts and care cards on the pages that use them: present in the built pages, readable
without JavaScript, the right drawing for the screen, colours readable in both schemes, interactive table,
and no axe violations."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from helpers import axe_violations, describe_violations, open_folded

# page -> what must be on it (CSS selectors)
PAGES = {
    "maintenance/": [".itb-refill-table", "figure.chart--refill"],
    "refill-planner/": [".itb-refill-table", "[data-itb-planner]"],
    "risks/": ["figure.chart--symptoms"],
    "emergency/": ["figure.chart--symptoms", ".itb-care-cards"],
    "trial-dose/": ["figure.chart--trial"],
    "spasticity/": ["figure.chart--oral"],
}
CHART_PAGES = [(p, s) for p, sels in PAGES.items() for s in sels if s.startswith("figure")]


def soup_of(built_site, path):
    return BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("path", PAGES)
def test_built_pages_carry_their_tools_with_unique_ids(built_site, path):
    soup = soup_of(built_site, path)
    for selector in PAGES[path]:
        assert soup.select(selector), f"{path}: {selector} missing"
    ids = Counter(t["id"] for t in soup.select("[id]"))
    assert all(n == 1 for n in ids.values()), {i: n for i, n in ids.items() if n > 1}
    for svg in soup.select("figure.chart svg"):
        assert svg["role"] == "img"
        assert soup.find(id=svg["aria-labelledby"]).name == "title"
        assert soup.find(id=svg["aria-describedby"]).name == "desc"


def test_emergency_cards_have_their_published_anchors(built_site):
    soup = soup_of(built_site, "emergency/")
    for anchor, words in (("call-now", "Call 911 now"), ("call-today", "Call your pump team straight away, day or night"),
                          ("book-a-refill", "Call your pump team to book a visit")):
        heading = soup.find(id=anchor)
        assert heading.name == "h2" and words in heading.get_text()
        assert heading.find_parent("div", class_="care-card") is not None


def test_print_page_keeps_ids_unique(built_site):
    page = built_site / "print_page" / "index.html"
    assert page.exists()
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("figure.chart")) >= 5 and len(soup.select(".itb-refill-table")) >= 2
    ids = Counter(t["id"] for t in soup.select("figure.chart [id], .itb-refill-table [id], [data-itb-planner] [id]"))
    assert all(n == 1 for n in ids.values()), {i: n for i, n in ids.items() if n > 1}


@pytest.mark.parametrize("path, selector", CHART_PAGES)
@pytest.mark.parametrize("width, shown, hidden", [(1280, "wide", "narrow"), (390, "narrow", "wide")])
def test_charts_read_without_javascript_at_both_widths(open_page, path, selector, width, shown, hidden):
    page = open_page(path, width=width, javascript=False)
    open_folded(page)   # /emergency/ and /maintenance/: the chart sits in a closed <details>
    fig = page.locator(selector).first
    assert fig.locator(f".chart__drawing--{shown} svg").is_visible()
    assert fig.locator(f".chart__drawing--{hidden} svg").is_hidden()
    box = fig.locator(f".chart__drawing--{shown} svg").bounding_box()
    assert box["width"] <= width and box["height"] > 150
    # the text in the drawing is at least 11 px on screen: never shrunk to unreadable
    sizes = fig.locator(f".chart__drawing--{shown} svg text").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)")
    assert min(sizes) >= 11
    table = fig.locator("details.data-table table")
    assert table.is_visible() and table.locator("tbody tr").count() >= 3


@pytest.mark.parametrize("path, selector", CHART_PAGES)
def test_print_shows_the_wide_drawing_and_the_table(open_page, path, selector):
    page = open_page(path, width=390)
    page.emulate_media(media="print")
    fig = page.locator(selector).first
    assert fig.locator(".chart__drawing--wide svg").is_visible()
    assert fig.locator(".chart__drawing--narrow svg").is_hidden()
    assert fig.locator("details.data-table table").is_visible()


# Chart text contrast in both schemes, and axe on every page as it loads: tests/site/test_accessibility.py.


def test_refill_table_filters_highlights_and_sorts(open_page):
    page = open_page("maintenance/")
    open_folded(page)  # the refill table is folded away on /maintenance/
    root = page.locator(".itb-refill-table").first
    assert root.locator(".rt-controls").is_visible()
    root.get_by_label("Pump size").select_option("20")
    assert root.locator('td[data-res="40"]:visible').count() == 0
    assert root.locator('td[data-res="20"]:visible').count() == 27
    root.get_by_label("Strength").select_option("2000")
    assert root.locator("tbody td:visible").count() == 9
    assert root.locator('th[scope="colgroup"]:visible').all_inner_texts() == ["20 mL pump"]
    root.get_by_label("Highlight a dose").select_option("400")
    row = root.locator("tr.rt-highlight")
    assert row.count() == 1 and "(highlighted)" in row.locator("th").inner_text()
    assert row.locator("td:visible").inner_text().startswith("90 days")
    root.get_by_label("Order").select_option("desc")
    assert root.locator("tbody tr").first.get_attribute("data-dose") == "1000"
    status = root.locator(".rt-status").inner_text()
    assert status == "Showing 1 of 6 columns, with 400 mcg a day highlighted, highest dose first."
    root.get_by_label("Pump size").select_option("")
    root.get_by_label("Strength").select_option("")
    assert root.locator("tbody td:visible").count() == 54


def test_refill_table_is_complete_without_javascript(open_page):
    page = open_page("maintenance/", width=390, javascript=False)
    open_folded(page)  # the refill table is folded away on /maintenance/
    root = page.locator(".itb-refill-table").first
    assert root.locator(".rt-controls").is_hidden()
    assert root.locator("tbody td").count() == 54
    assert root.locator(".rt-legend").is_visible() and root.locator(".rt-note").is_visible()
    region = root.locator(".rt-scroll")
    assert region.get_attribute("tabindex") == "0"


def test_dark_and_light_schemes_colour_the_table_differently(open_page):
    colours = {}
    for scheme in ("light", "dark"):
        page = open_page("maintenance/", scheme=scheme)
        colours[scheme] = page.locator("td.rt-band-2").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colours["light"] != colours["dark"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_filtered_refill_table(open_page, scheme, width):
    """The interactive state only: every page as it loads is in tests/site/test_accessibility.py."""
    page = open_page("maintenance/", scheme=scheme, width=width)
    open_folded(page)  # the refill table is folded away on /maintenance/
    root = page.locator(".itb-refill-table").first
    root.get_by_label("Pump size").select_option("40")
    root.get_by_label("Highlight a dose").select_option("300")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_tools_javascript_stays_small(built_site):
    total = sum((built_site / "javascripts" / name).stat().st_size
                for name in ("refill-core.js", "planner.js", "refill-table.js"))
    # 32 kB since refill-core.js became the one validator for the planner, the clinic link builder and the pump
    # record (link keys from the config, the date range, the decimal rule, notices, .ics folding by UTF-8 octets).
    assert total < 32_000, total
    assert not re.search(r"https?://", "".join((built_site / "javascripts" / n).read_text()
                                               for n in ("refill-core.js", "planner.js", "refill-table.js")))
