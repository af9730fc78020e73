"""Issue 18, item 5: readers never see the project's internal source codes (L1, P8, R24...) or notes about how
a source was read. Citations are the page's own numbers, and every source has a title or a plain description."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from helpers import ROOT
from macros.data import load_site_data

SITE = load_site_data(ROOT / "data")
# A source id as data/sources.yml writes them: a kind letter and a number ("L1", "P14", "R24", "D2").
CODE = re.compile(r"\b[LPRD]\d{1,2}\b")
# Phrases that describe our research process, not the source.
PROCESS_WORDS = ["not recorded", "abstract read", "read on ", "read through a mirror"]


def visible_text(element) -> str:
    for hidden in element.select("script, style, [hidden], [aria-hidden=true]"):
        hidden.decompose()
    return element.get_text(" ", strip=True)


def reader_pages(built_site):
    for html in sorted(built_site.rglob("index.html")):
        rel = html.relative_to(built_site).parent.as_posix()
        if rel == "print_page":
            continue
        yield rel or "home", BeautifulSoup(html.read_text(), "html.parser")


def test_the_codes_are_what_this_test_looks_for():
    # the pattern matches every id in data/sources.yml, so a code that reached a page would be found
    assert all(CODE.fullmatch(i) for i in SITE.sources), [i for i in SITE.sources if not CODE.fullmatch(i)]


def test_no_chart_or_table_caption_shows_a_source_code(built_site):
    shown = {}
    for page, soup in reader_pages(built_site):
        for cap in soup.select("article figcaption, article caption, article .chart-sources, "
                               "article .care-card-sources"):
            codes = CODE.findall(visible_text(cap))
            if codes:
                shown[page] = codes
    assert not shown, f"internal source codes shown to readers: {shown}"
    # and the charts do cite: each chart's sources are links to the page's own numbered list
    risks = BeautifulSoup((built_site / "risks" / "index.html").read_text(), "html.parser")
    links = risks.select("figure.chart .chart-sources a.cite__link")
    assert links and all(re.fullmatch(r"\d{1,2}", a.get_text()) for a in links)
    assert all(risks.select_one(a["href"]) is not None for a in links)


def test_no_page_shows_a_source_code_in_its_text(built_site):
    shown = {}
    for page, soup in reader_pages(built_site):
        article = soup.select_one("article")
        if article is None:
            continue
        codes = CODE.findall(visible_text(article))
        if codes:
            shown[page] = sorted(set(codes))
    assert not shown, f"internal source codes in page text: {shown}"


def test_sources_never_describe_how_we_read_them(built_site):
    soup = BeautifulSoup((built_site / "sources" / "index.html").read_text(), "html.parser")
    entries = [li.get_text(" ", strip=True) for li in soup.select("li[id^=source-]")]
    assert len(entries) == len(SITE.sources)
    bad = [e for e in entries if any(w in e.lower() for w in PROCESS_WORDS)]
    assert not bad, bad
