"""Every built page in each state a reader meets it (light and dark, 1280 and 390 px), loaded ONCE per state and
checked many ways, each check its own test id: axe-core (WCAG 2.0/2.1/2.2 A and AA plus best practice), the
colour scheme applied, no sideways scrolling on a phone, and on pages with pictures and charts the labels that
fit and contrast (axe does not check text inside SVG). The page states are module-scoped fixtures: pytest
groups the tests by state, and each state is one xdist group, so no page is loaded or axe-checked twice."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from helpers import (CHART_CONTRAST, PICTURE_LABEL_PROBLEMS, VIEWPORTS, NetworkGuard, axe_violations,
                     describe_violations, open_folded, page_paths)

SCHEMES = ["light", "dark"]
WIDTHS = {1280: "desktop", 390: "mobile"}
# The combined page the PDF is printed from is a public page too.
PATHS = page_paths() + ["print_page/"]
PICTURES = {"": 1, "implantation/": 1, "maintenance/": 4}        # page -> figures with an illustration (the alarm picture is one figure per sound)
CHARTS = ["maintenance/", "risks/", "emergency/", "trial-dose/", "spasticity/"]


@dataclass
class State:
    path: str
    scheme: str
    width: int
    page: object


def state_id(path: str, scheme: str, width: int) -> str:
    return f"{path.strip('/') or 'home'}-{scheme}-{WIDTHS[width]}"


def states(paths=PATHS, schemes=SCHEMES, widths=WIDTHS) -> list:
    return [pytest.param((p, s, w), id=state_id(p, s, w), marks=pytest.mark.xdist_group(state_id(p, s, w)))
            for p in paths for s in schemes for w in widths]


@pytest.fixture(scope="module")
def page_state(request, browser, site_url):
    path, scheme, width = request.param
    viewport = VIEWPORTS["mobile"] if width <= 400 else dict(VIEWPORTS["desktop"], width=width)
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    guard = NetworkGuard().attach(context)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    open_folded(page)  # what a reader can unfold is checked too (the refill table and pictures on /maintenance/)
    yield State(path, scheme, width, page)
    context.close()
    assert not guard.blocked, f"requests tried to leave 127.0.0.1: {guard.blocked}"


@pytest.mark.parametrize("page_state", states(), indirect=True)
def test_axe(page_state):
    violations = axe_violations(page_state.page)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("page_state", states(), indirect=True)
def test_colour_scheme_is_applied(page_state):
    expected = "slate" if page_state.scheme == "dark" else "default"
    assert page_state.page.get_attribute("body", "data-md-color-scheme") == expected


@pytest.mark.parametrize("page_state", states(widths=[390]), indirect=True)
def test_no_sideways_scrolling_on_a_phone(page_state):
    width, culprits = page_state.page.evaluate("""() => {
      const out = [];
      for (const el of document.querySelectorAll('body *')) {            // the outermost things that stick out
        const r = el.getBoundingClientRect(), p = el.parentElement.getBoundingClientRect();
        if (r.width > 0 && r.right > innerWidth + 0.5 && p.right <= innerWidth + 0.5)
          out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} reaches ${Math.round(r.right)} px`);
      }
      return [document.documentElement.scrollWidth, out.slice(0, 5)];
    }""")
    assert width <= 390, f"the page is {width} px wide on a 390 px screen (WCAG 1.4.10 reflow): {culprits}"


@pytest.mark.parametrize("page_state", states(paths=list(PICTURES)), indirect=True)
def test_picture_labels_fit_and_contrast(page_state):
    page = page_state.page
    assert page.locator("figure.itb-picture").count() == PICTURES[page_state.path]
    assert page.evaluate(PICTURE_LABEL_PROBLEMS) == []
    # Nothing in a picture is wider than the screen.
    overflow = page.evaluate("""() => [...document.querySelectorAll('figure.itb-picture')]
        .filter(f => f.scrollWidth > f.clientWidth + 1).map(f => f.className)""")
    assert overflow == []


@pytest.mark.parametrize("page_state", states(paths=CHARTS, widths=[1280]), indirect=True)
def test_chart_text_contrast(page_state):
    low = []
    charts = page_state.page.locator("figure.chart")
    assert charts.count() >= 1
    for i in range(charts.count()):
        ratios = charts.nth(i).evaluate(CHART_CONTRAST)
        assert ratios, f"chart {i + 1}: no text found"
        low += [(t, round(r, 2)) for t, r in ratios if r < 4.5]
    assert not low, low
