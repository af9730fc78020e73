"""Reflow (WCAG 2.2 1.4.10): no page scrolls sideways at 320, 390 or 1280 CSS px, in either colour scheme,
with or without JavaScript; the refill table's phone layout keeps every number; the site title fits the
phone header."""
from __future__ import annotations

import pytest

from helpers import NetworkGuard, open_folded, page_paths

WIDTHS = [320, 390, 1280]
# What sticks out, when something does: the first few elements whose right edge passes the viewport.
WIDEST = """(w) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > w + 0.5 && e.getBoundingClientRect().width > 0
               && !e.closest('.md-search, .md-sidebar'))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + String(e.className).replace(/ /g, '.')
               + ' right=' + Math.round(e.getBoundingClientRect().right))"""


def at_width(new_context, site_url, width, scheme="light", javascript=True):
    """A page in a context whose viewport is exactly `width` CSS px wide (the fixture rounds phones to 390)."""
    page = new_context(scheme=scheme, width=width, javascript=javascript).new_page()
    page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})

    def go(path):
        page.goto(site_url + path, wait_until="load")
        return page
    return go


def overflow(page):
    return page.evaluate("""() => [document.documentElement.scrollWidth, window.innerWidth]""")


# CSS transitions that a resize starts (the theme slides its sidebars): measure once they have finished.
RUNNING = """() => document.getAnimations().filter(a => a.playState === 'running'
  && a.effect && a.effect.getComputedTiming().endTime !== Infinity).length"""


def settle(page, seconds: float = 5) -> None:
    """Wait until no finite CSS animation or transition runs (polled from here: timers in the page do not run
    when its JavaScript is off)."""
    for _ in range(int(seconds / 0.05)):
        if not page.evaluate(RUNNING):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{page.url}: still animating {seconds} s after a resize")


SWEEP_STATES = [("light", True), ("dark", True), ("light", False)]
SWEEP_IDS = ["light", "dark", "light-nojs"]


@pytest.fixture(scope="module")
def sweeps(browser, site_url):
    """(scheme, javascript) -> {width: {path: (scrollWidth, innerWidth, what sticks out)}}, each made once.
    Every page (and the combined print page read on screen) is loaded once, fresh, at the narrowest width, then
    the same page is resized through the other widths (a reflow check is a check at a viewport width: the
    layout follows the width through CSS media queries, as in a browser window made wider). A fresh load at
    390 px is also checked in test_accessibility.py for both schemes."""
    made: dict = {}

    def sweep(scheme: str, javascript: bool) -> dict:
        if (scheme, javascript) not in made:
            context = browser.new_context(viewport={"width": WIDTHS[0], "height": 844}, color_scheme=scheme,
                                          java_script_enabled=javascript)
            guard = NetworkGuard().attach(context)
            out: dict[int, dict] = {w: {} for w in WIDTHS}
            try:
                page = context.new_page()
                for path in page_paths() + ["print_page/"]:
                    page.goto(site_url + path, wait_until="load")
                    open_folded(page)  # what a reader can unfold must fit too (the folded detail on /maintenance/)
                    for width in WIDTHS:
                        page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
                        settle(page)
                        scroll_width, inner_width = overflow(page)
                        culprits = page.evaluate(WIDEST, width) if scroll_width > inner_width else []
                        out[width][path] = (scroll_width, inner_width, culprits)
                    page.set_viewport_size({"width": WIDTHS[0], "height": 844})
            finally:
                context.close()
            assert not guard.blocked, f"requests tried to leave 127.0.0.1: {guard.blocked}"
            made[scheme, javascript] = out
        return made[scheme, javascript]
    return sweep


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme, javascript",
                         [pytest.param(*state, id=i, marks=pytest.mark.xdist_group(f"reflow-{i}"))
                          for state, i in zip(SWEEP_STATES, SWEEP_IDS)])
def test_no_page_scrolls_sideways(sweeps, width, scheme, javascript):
    too_wide = {}
    for path, (scroll_width, inner_width, culprits) in sweeps(scheme, javascript)[width].items():
        assert inner_width == width
        if scroll_width > inner_width:
            too_wide[path or "/"] = (scroll_width, culprits)
    assert not too_wide, f"pages wider than {width} px: {too_wide}"
    assert len(sweeps(scheme, javascript)[width]) == len(page_paths()) + 1


@pytest.mark.parametrize("path", ["maintenance/", "refill-planner/"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_refill_table_on_a_phone_is_cards_that_keep_every_number(new_context, site_url, path, javascript):
    page = at_width(new_context, site_url, 390, javascript=javascript)(path)
    open_folded(page)  # on /maintenance/ the table is folded away at first
    root = page.locator(".itb-refill-table").first
    assert root.locator("thead").is_hidden()  # the column headers are in each cell's own label here
    cells = root.locator("tbody td")
    assert cells.count() == 54
    labels = root.locator("tbody td .rt-cell-label")
    assert labels.count() == 54 and all(labels.nth(i).is_visible() for i in (0, 27, 53))
    # one dose row is one card, as wide as the text column, with its heading on top
    card = root.locator('tbody tr[data-dose="400"]')
    box, text = card.bounding_box(), page.locator("article").bounding_box()
    assert box["x"] >= text["x"] - 1 and box["x"] + box["width"] <= text["x"] + text["width"] + 1
    assert card.inner_text().startswith("400 mcg a day")
    line = card.locator('td[data-res="20"][data-conc="2000"]')
    assert " ".join(line.inner_text().split()) == "20 mL pump, 2,000 mcg/mL: 90 days about 3 months"
    assert line.bounding_box()["width"] <= 390


def test_refill_table_on_a_phone_narrows_to_one_pump_and_strength(new_context, site_url):
    page = at_width(new_context, site_url, 390)("maintenance/")
    open_folded(page)
    root = page.locator(".itb-refill-table").first
    root.get_by_label("Pump size").select_option("40")
    root.get_by_label("Strength").select_option("1000")
    assert root.locator("tbody td:visible").count() == 9
    assert " ".join(root.locator('tbody tr[data-dose="300"] td:visible').inner_text().split()) == \
        "40 mL pump, 1,000 mcg/mL: 126 days about 4 months"
    assert overflow(page)[0] <= 390


@pytest.mark.parametrize("width", [1280, 1000])
def test_refill_table_is_a_grid_that_stays_inside_the_text_column(new_context, site_url, width):
    page = at_width(new_context, site_url, width)("refill-planner/")
    root = page.locator(".itb-refill-table").first
    assert root.locator("thead").is_visible()
    assert root.locator("tbody td .rt-cell-label").first.is_hidden()
    table, text = root.locator("table").bounding_box(), page.locator("article").bounding_box()
    assert table["x"] + table["width"] <= text["x"] + text["width"] + 1
    toc = page.locator(".md-sidebar--secondary")
    if toc.is_visible():  # at 1280 the table of contents is beside the text: the table must not run under it
        assert table["x"] + table["width"] <= toc.bounding_box()["x"]
    first = root.locator("tbody tr").first.locator("td").first
    assert " ".join(first.inner_text().split()) == "90 days about 3 months"


@pytest.mark.parametrize("width, shown", [(320, "short"), (390, "long"), (1280, "long")])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_site_title_fits_the_header(new_context, site_url, width, shown, scheme):
    page = at_width(new_context, site_url, width, scheme)("refill-planner/")
    title = page.locator(f".md-header__topic .itb-title--{shown}").first
    assert title.is_visible()
    other = "long" if shown == "short" else "short"
    assert page.locator(f".md-header__topic .itb-title--{other}").first.is_hidden()
    words = {"long": "Baclofen Pump Handbook", "short": "Pump Handbook"}[shown]
    assert " ".join(title.inner_text().split()) == words
    # every word shows whole: nothing clipped by an ellipsis, nothing under the "Get help now" button
    clipped = title.evaluate("e => [e.scrollWidth > e.clientWidth + 1, e.scrollHeight > e.clientHeight + 1]")
    assert clipped == [False, False], f"title cut off at {width} px"
    box, help_box = title.bounding_box(), page.locator("header a.get-help").bounding_box()
    assert box["x"] + box["width"] <= help_box["x"]
    assert help_box["x"] + help_box["width"] <= width
    # the header's buttons stay at least 24 x 24 px (WCAG 2.5.8)
    for control in page.locator("header .md-header__button:visible, header a.get-help").all():
        b = control.bounding_box()
        assert b["width"] >= 24 and b["height"] >= 24


# ---------------------------------------------------------------- citations (WCAG 2.5.8 target size)
CITE_PAGES = ["emergency/", "living-with-a-pump/", "maintenance/", "for-emergency-staff/"]


@pytest.mark.parametrize("path", CITE_PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_citations_are_numbered_links_with_24px_targets(new_context, site_url, path, width):
    page = at_width(new_context, site_url, width)(path)
    links = page.locator("article sup.cite a")
    assert links.count() > 0
    boxes = links.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); "
                               "return [e.textContent, r.width, r.height, e.getAttribute('href')]; })")
    small = [b for b in boxes if b[1] < 24 or b[2] < 24]
    assert not small, f"citation targets under 24 x 24 px: {small[:5]}"
    listed = page.locator("#page-sources ~ ol.source-list > li")
    for text, _, _, href in boxes:
        assert text.isdigit(), text                      # a number, never a code like "P14"
        item = page.locator(href)
        assert item.count() == 1
        # the number is the item's place in the page's source list
        assert listed.nth(int(text) - 1).get_attribute("id") == href.lstrip("#")


def test_no_page_shows_source_codes(built_site):
    import re
    from bs4 import BeautifulSoup
    codes = {}
    for path in page_paths():
        soup = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        for tag in article.select(".source-list, script"):
            tag.decompose()
        found = re.findall(r"\[(?:[LDRP]\d+(?:, )?)+\]", article.get_text(" "))
        if found:
            codes[path or "/"] = found[:3]
    assert not codes, codes
