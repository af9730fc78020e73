"""Issue 18, item 8 (layout), in the browser: panel summaries sit inside their boxes with an arrow, the symptom
comparison's sign list fits a 320 px phone, the menu drawer follows the dark scheme, /maintenance/ is at most 12
phone screens long with every published anchor still reachable, and what is folded away prints open."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import axe_violations, describe_violations

CHART_PAGES = ["maintenance/", "risks/", "emergency/", "trial-dose/", "spasticity/"]
PUBLISHED = (Path(__file__).resolve().parents[1] / "published_urls.txt").read_text(encoding="utf-8").split()


def phone(new_context, site_url, path, width=390, scheme="light", javascript=True):
    page = new_context(scheme=scheme, width=width, javascript=javascript).new_page()
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_url + path, wait_until="load")
    return page


OPEN_ALL = "() => document.querySelectorAll('article details').forEach(d => { d.open = true; })"

# For each chart panel's summary: how far it sticks out of its <details> box, and whether an arrow is drawn
# (the ::marker of a list-item summary, or a ::before/::after with content that is displayed).
SUMMARY_BOXES = """() => [...document.querySelectorAll('article details.data-table > summary')].map(s => {
  const r = s.getBoundingClientRect(), d = s.parentElement.getBoundingClientRect();
  const drawn = p => { const c = getComputedStyle(s, p); return c.display !== 'none' && c.content !== 'none'
                       && c.content !== 'normal' && c.visibility !== 'hidden'
                       && (c.content !== '""' || c.maskImage !== 'none' || c.backgroundImage !== 'none'); };
  const marker = getComputedStyle(s).display === 'list-item' && getComputedStyle(s, '::marker').content !== 'none';
  return {text: s.textContent, out: Math.max(d.left - r.left, r.right - d.right, d.top - r.top, r.bottom - d.bottom),
          arrow: marker || drawn('::before') || drawn('::after')};
})"""


@pytest.mark.parametrize("path", CHART_PAGES)
@pytest.mark.parametrize("scheme, width", [("light", 390), ("dark", 390), ("light", 1280)])
def test_panel_summaries_sit_inside_their_box_with_an_arrow(new_context, site_url, path, scheme, width):
    page = phone(new_context, site_url, path, width, scheme)
    page.evaluate(OPEN_ALL)  # the sign list sits in the closed "Compare too little and too much" on /emergency/
    boxes = page.evaluate(SUMMARY_BOXES)
    assert boxes, "no chart panel on the page"
    outside = [(b["text"], round(b["out"], 1)) for b in boxes if b["out"] > 0.5]
    assert not outside, f"summaries sticking out of their box (px): {outside}"
    no_arrow = [b["text"] for b in boxes if not b["arrow"]]
    assert not no_arrow, f"summaries without an open/close arrow: {no_arrow}"


CLIPPED = """(root) => {
  const hidden = el => { for (let e = el; e && e !== root; e = e.parentElement)
                           if (getComputedStyle(e).clip === 'rect(0px, 0px, 0px, 0px)') return true;
                         return false; };
  const out = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (el.closest('svg') || !el.getClientRects().length) continue;
    if (hidden(el)) continue;                       // text kept for screen readers only (1 px, clipped)
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} scrolls ${el.scrollWidth} > ${el.clientWidth}: `
               + el.textContent.trim().slice(0, 30));
    const r = el.getBoundingClientRect(), box = root.getBoundingClientRect();
    if (r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5))
      out.push(`${el.tagName.toLowerCase()} runs out of the panel: ` + el.textContent.trim().slice(0, 30));
  }
  return out.slice(0, 8);
}"""


@pytest.mark.parametrize("path", ["risks/", "emergency/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_comparison_sign_list_fits_a_320px_phone(new_context, site_url, path, scheme):
    page = phone(new_context, site_url, path, 320, scheme)
    page.evaluate(OPEN_ALL)
    panel = page.locator("figure.chart--symptoms details.data-table").first
    assert panel.is_visible()
    assert panel.evaluate(CLIPPED) == []
    # every sign reads whole, the one the issue saw cut off included
    text = " ".join(panel.inner_text().split())
    assert "A very slow heartbeat (Emergency)" in text and "Slow, shallow or difficult breathing (Emergency)" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


LUMINANCE = """(el) => {
  const rgba = s => (s.match(/[\\d.]+/g) || []).map(Number);
  let e = el, c = [0, 0, 0, 0];
  while (e && (c = rgba(getComputedStyle(e).backgroundColor)).length > 3 && c[3] === 0) e = e.parentElement;
  const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


@pytest.mark.parametrize("path", ["", "maintenance/"])
def test_menu_drawer_follows_the_dark_scheme(new_context, site_url, path):
    page = phone(new_context, site_url, path, 390, "dark")
    page.locator("header label[for=__drawer]").click()
    drawer = page.locator(".md-sidebar--primary")
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    page.wait_for_timeout(400)  # the slide-in transition
    for part in (".md-sidebar--primary .md-nav--primary", ".md-sidebar--primary .md-nav__title",
                 ".md-sidebar--primary .md-nav__list"):
        lum = page.locator(part).first.evaluate(LUMINANCE)
        assert lum < 0.05, f"{part} is light (luminance {lum:.2f}) in the dark scheme"
    assert drawer.is_visible()
    violations = [v for v in axe_violations(page) if any(".md-sidebar" in n or "md-nav" in n for n in v["nodes"])]
    assert not violations, describe_violations(violations)


# ---------------------------------------------------------------- /maintenance/ on a phone
MAINTENANCE_ANCHORS = [u.split("#", 1)[1] for u in PUBLISHED if u.startswith("/maintenance/#")]


def test_maintenance_is_at_most_12_phone_screens(new_context, site_url):
    page = phone(new_context, site_url, "maintenance/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height / 844 <= 12, f"/maintenance/ is {height / 844:.1f} screens of 844 px at 390 px"


def test_every_published_maintenance_anchor_shows_its_section(new_context, site_url):
    assert len(MAINTENANCE_ANCHORS) == 14  # hand-counted in tests/published_urls.txt
    page = new_context(width=390).new_page()
    for anchor in MAINTENANCE_ANCHORS:
        page.goto(site_url + "maintenance/#" + anchor, wait_until="load")
        assert page.locator(f"#{anchor}").is_visible(), f"#{anchor} is hidden after following the link"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_link_into_a_closed_section_opens_it(new_context, site_url, javascript):
    page = new_context(width=390, javascript=javascript).new_page()
    page.goto(site_url + "maintenance/", wait_until="load")
    folded = page.locator("article details.itb-more:not([open])")
    assert folded.count() >= 3
    assert page.locator("#maintenance-refill-table").is_hidden()  # the refill table is folded away at first
    page.goto(site_url + "maintenance/#maintenance-refill-table", wait_until="load")
    page.wait_for_timeout(300)
    assert page.locator("#maintenance-refill-table").is_visible()
    assert page.locator("#maintenance-refill-table").evaluate("e => e.closest('details').open")


def test_folded_sections_print_open(new_context, site_url):
    page = phone(new_context, site_url, "maintenance/", 1280)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => [...document.querySelectorAll('article details.itb-more')]
        .flatMap(d => [...d.children]).filter(c => !c.checkVisibility()).map(c => c.tagName + '.' + c.className)""")
    assert page.locator("article details.itb-more").count() >= 3
    assert hidden == []
    assert page.locator("#maintenance-refill-table table").is_visible()
