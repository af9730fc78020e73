"""Per-page assets (macros/assets.py, overrides/main.html, hooks/minify_assets.py): a page without tools
loads only the theme and the one site stylesheet; each tool page loads the files its tools need, and
they work; the combined print page links everything; our CSS and JS are minified."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

THEME = re.compile(r"^(\.\./)*assets/(stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.css|"
                   r"javascripts/bundle\.[0-9a-f]{8}\.min\.js)$")
SITE_CSS = "stylesheets/site.css"
PRINT_CSS = "stylesheets/site-print.css"  # paper-only rules (hooks/minify_assets.py), media="print"
# The tools' stylesheet comes in parts (charts, table, planner), joined per page (hooks/minify_assets.py).
TOOL_CSS_PARTS = ("stylesheets/tools-charts.css", "stylesheets/tools-table.css", "stylesheets/tools-planner.css",
                  "stylesheets/tools-charts-table.css", "stylesheets/tools-charts-planner.css",
                  "stylesheets/tools-table-planner.css", "stylesheets/tools-charts-table-planner.css")
TOOL_FILES = TOOL_CSS_PARTS + ("stylesheets/pictures.css", "stylesheets/clinics.css",
              "javascripts/refill-core.js", "javascripts/planner.js", "javascripts/refill-table.js",
              "javascripts/link-builder.js", "javascripts/pump-record.js", "javascripts/qr-encoder.js",
              "javascripts/my-numbers.js")

# Written by hand from what each page shows (not read from macros/assets.py).
PAGES_WITHOUT_TOOLS = ["candidacy/", "glossary/", "for-emergency-staff/"]
MY_NUMBERS = "javascripts/my-numbers.js"  # every page that says "call your pump team" (issue 18: the saved number)
TOOL_PAGES = {
    "refill-planner/": {"stylesheets/tools-table-planner.css", "javascripts/refill-core.js", "javascripts/planner.js",
                        "javascripts/refill-table.js", MY_NUMBERS},
    "maintenance/": {"stylesheets/tools-charts-table.css", "stylesheets/pictures.css", "javascripts/refill-table.js",
                     MY_NUMBERS},
    "pump-record/": {"javascripts/refill-core.js", "javascripts/pump-record.js", MY_NUMBERS},
    "for-clinics/": {"stylesheets/clinics.css", "javascripts/refill-core.js", "javascripts/link-builder.js"},
    "emergency/": {"stylesheets/tools-charts.css", MY_NUMBERS},
    "risks/": {"stylesheets/tools-charts.css", MY_NUMBERS},
    "": {"stylesheets/pictures.css", MY_NUMBERS},
    "faq/": {MY_NUMBERS},
    "sources/": {MY_NUMBERS},
    "children/": {MY_NUMBERS},
}


def linked(built_site, path: str) -> tuple[list[str], list[str]]:
    """(stylesheets, scripts) the page links, as paths below the site root (theme files as they are)."""
    soup = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    up = "../" * path.count("/")

    def norm(ref: str) -> str:
        return ref[len(up):] if up and ref.startswith(up) and not THEME.match(ref) else ref
    return ([norm(n["href"]) for n in soup.select('link[rel="stylesheet"]')],
            [norm(n["src"]) for n in soup.select("script[src]")])


def ours(refs: list[str]) -> set[str]:
    return {r for r in refs if not THEME.match(r)}


@pytest.mark.parametrize("path", PAGES_WITHOUT_TOOLS)
def test_a_page_without_tools_links_only_the_theme_and_the_site_stylesheet(built_site, path):
    css, js = linked(built_site, path)
    assert ours(css) == {SITE_CSS, PRINT_CSS}, css
    assert ours(js) == set(), js


@pytest.mark.parametrize("path", ["faq/", "refill-planner/", "", "emergency-card/", "pump-record/", "print_page/"])
def test_the_paper_only_rules_follow_the_site_stylesheet_and_block_only_pages_printed_to_pdf(built_site, path):
    soup = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [n for n in soup.select('link[rel="stylesheet"]') if not THEME.match(n["href"])]
    names = [n["href"].rsplit("/", 2)[-2] + "/" + n["href"].rsplit("/", 1)[-1] for n in links]
    assert names[:2] == [SITE_CSS, PRINT_CSS], names  # the same cascade order as when they were one file
    printed_alone = path in ("emergency-card/", "pump-record/", "print_page/")
    assert links[1].get("media") == (None if printed_alone else "print")


@pytest.mark.parametrize("path", TOOL_PAGES, ids=lambda p: p or "home")
def test_each_tool_page_links_what_its_tools_need(built_site, path):
    css, js = linked(built_site, path)
    assert ours(css) | ours(js) == TOOL_PAGES[path] | {SITE_CSS, PRINT_CSS}
    # refill-core.js (window.ITBRefill) comes before the scripts that use it
    if "javascripts/refill-core.js" in js:
        assert js.index("javascripts/refill-core.js") < min(js.index(s) for s in js if s.endswith(
            ("planner.js", "pump-record.js", "link-builder.js")))


def test_the_print_page_links_every_tool_file(built_site):
    css, js = linked(built_site, "print_page/")
    every = set(TOOL_FILES) - {"javascripts/qr-encoder.js"} - set(TOOL_CSS_PARTS)
    assert every | {"stylesheets/tools-charts-table-planner.css"} <= ours(css) | ours(js)
    assert SITE_CSS in css and "js/print-site.js" in js  # print-site.js builds the print page's contents
    _, faq_js = linked(built_site, "faq/")
    assert "js/print-site.js" not in faq_js


def test_in_the_browser_a_page_without_tools_fetches_no_tool_file(new_context, site_url):
    page = new_context().new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(site_url + "glossary/", wait_until="networkidle")  # a page with no tool (faq/ has actions now)
    assert any(u.endswith("/" + SITE_CSS) for u in seen)
    assert [u for u in seen if u.removeprefix(site_url) in TOOL_FILES] == []
    assert page.evaluate("() => window.ITBRefill === undefined && window.ITBQR === undefined")
    # the site stylesheet (extra.css + print.css) applies: print-only blocks are hidden on screen
    assert page.locator(".print-url").first.evaluate("el => getComputedStyle(el).display") == "none"


def test_the_planner_page_loads_its_scripts_and_works(new_context, site_url):
    page = new_context().new_page()
    page.clock.install(time=dt.datetime(2026, 12, 1, 9, 0))
    page.goto(site_url + "refill-planner/#pump=synchromed-ii-40&conc=2000&dose=400&filled=2026-11-20",
              wait_until="load")
    planner = page.locator("[data-itb-planner]").first
    page.wait_for_selector('[data-role="result"]:not([hidden])')
    dates = planner.locator('[data-role="numbers"] time').evaluate_all("els => els.map(e => e.dateTime)")
    assert dates == ["2027-05-29", "2027-05-19", "2027-06-08"]  # alarm, refill by, empty (40 mL, 2 mL alarm)
    # the refill table's script ran too, and the tools stylesheet styles the planner
    assert page.locator(".itb-refill-table .rt-controls").first.is_visible()
    assert page.locator("[data-itb-planner] form").first.is_visible()


def test_our_css_and_js_are_minified(built_site):
    assert not (built_site / "stylesheets/tools.css").exists()  # written in parts only
    for name in ("stylesheets/site.css", *TOOL_CSS_PARTS, "javascripts/planner.js",
                 "javascripts/refill-core.js"):
        text = (built_site / name).read_text(encoding="utf-8")
        assert "/*" not in text and "\n  " not in text, name
    site_css = (built_site / SITE_CSS).read_text(encoding="utf-8")
    print_css = (built_site / PRINT_CSS).read_text(encoding="utf-8")
    # extra.css and print.css's screen part in the site stylesheet; print.css's paper-only part on its own
    assert ".review-dates" in site_css and ".print-only{display:none}" in site_css
    assert "@page" not in site_css and "@page" in print_css and "@media print" in print_css
    assert "/*" not in print_css and "\n  " not in print_css
